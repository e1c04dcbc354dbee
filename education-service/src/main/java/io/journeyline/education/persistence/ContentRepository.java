package io.journeyline.education.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.journeyline.contract.EventJson;
import io.journeyline.education.domain.catalog.Content;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog: content documents, their versions, and the tags search filters on (native SQL). */
@ApplicationScoped
public class ContentRepository {

    /** Inserts new content (version 1); false when the id is taken. */
    public Uni<Boolean> create(Content content, String actor) {
        return Transactions.inCallersTransaction("ContentRepository.create", session -> session.createNativeQuery("""
                        insert into contents (id, version, document, reviewed_at, updated_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict do nothing""")
                .setParameter(1, content.id()).setParameter(2, content.version()).setParameter(3, json(content))
                .setParameter(4, content.reviewedAt()).setParameter(5, content.updatedAt()).executeUpdate()
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : version(session, content, actor).chain(() -> tags(session, content)).replaceWith(true)));
    }

    /** Stores the content's new version (or a new review time) over the current one. */
    public Uni<Void> update(Content content, String actor, boolean newVersion) {
        return Transactions.inCallersTransaction("ContentRepository.update", session -> session.createNativeQuery("""
                        update contents set version = ?2, document = ?3, reviewed_at = ?4, updated_at = ?5 where id = ?1""")
                .setParameter(1, content.id()).setParameter(2, content.version()).setParameter(3, json(content))
                .setParameter(4, content.reviewedAt()).setParameter(5, content.updatedAt()).executeUpdate()
                .chain(() -> newVersion ? version(session, content, actor).chain(() -> session.createNativeQuery(
                                "delete from content_tags where content_id = ?1").setParameter(1, content.id())
                        .executeUpdate()).chain(() -> tags(session, content)) : Uni.createFrom().voidItem())
                .replaceWithVoid());
    }

    public Uni<Optional<Content>> find(String id, boolean lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select document from contents where id = ?1" + (lock ? " for update" : ""), String.class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.stream().findFirst().map(ContentRepository::content));
    }

    /** Content carrying every given tag (dimension → value; none given: all), by id. */
    public Uni<List<Content>> search(Map<String, String> tags, int limit) {
        StringBuilder where = new StringBuilder("where true");
        List<String> values = new ArrayList<>();
        tags.forEach((dimension, value) -> {
            values.add(dimension);
            values.add(value);
            where.append(" and exists (select 1 from content_tags t where t.content_id = c.id and t.dimension = ?")
                    .append(values.size() - 1).append(" and t.value = ?").append(values.size()).append(")");
        });
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select document from contents c " + where + " order by id limit "
                    + limit, String.class);
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(ContentRepository::content).toList());
    }

    /** Every content item (the review list filters them). */
    public Uni<List<Content>> all() {
        return search(Map.of(), 10_000);
    }

    private static Uni<Integer> version(Mutiny.Session session, Content content, String actor) {
        return session.createNativeQuery("""
                        insert into content_versions (content_id, version, document, changed_at, changed_by)
                        values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, content.id()).setParameter(2, content.version()).setParameter(3, json(content))
                .setParameter(4, content.updatedAt()).setParameter(5, actor).executeUpdate();
    }

    private static Uni<Void> tags(Mutiny.Session session, Content content) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        tags.put("topic", content.topics());
        tags.put("stage", content.stages());
        tags.put("language", content.languages());
        tags.put("channel", content.channels());
        tags.put("level", List.of(content.level()));
        return InOrder.each(tags.entrySet(), entry -> InOrder.each(entry.getValue(), value -> session.createNativeQuery("""
                        insert into content_tags (content_id, dimension, value) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, content.id()).setParameter(2, entry.getKey()).setParameter(3, value)
                .executeUpdate()));
    }

    private static Content content(String document) {
        try {
            return EventJson.mapper().readValue(document, Content.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Content content) {
        try {
            return EventJson.mapper().writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
