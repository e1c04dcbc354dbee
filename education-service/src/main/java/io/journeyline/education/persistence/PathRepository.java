package io.journeyline.education.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.journeyline.contract.EventJson;
import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Learning paths: the document at its current version and every version (native SQL, like the catalog). */
@ApplicationScoped
public class PathRepository {

    /** Inserts a new path (version 1); false when the id is taken. */
    public Uni<Boolean> create(LearningPath path, String actor) {
        return Transactions.inCallersTransaction("PathRepository.create", session -> session.createNativeQuery("""
                        insert into learning_paths (id, version, document, updated_at) values (?1, ?2, ?3, ?4)
                        on conflict do nothing""")
                .setParameter(1, path.id()).setParameter(2, path.version()).setParameter(3, json(path))
                .setParameter(4, path.updatedAt()).executeUpdate()
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : version(session, path, actor).replaceWith(true)));
    }

    /** Stores the path's new version over the current one. */
    public Uni<Void> update(LearningPath path, String actor) {
        return Transactions.inCallersTransaction("PathRepository.update", session -> session.createNativeQuery("""
                        update learning_paths set version = ?2, document = ?3, updated_at = ?4 where id = ?1""")
                .setParameter(1, path.id()).setParameter(2, path.version()).setParameter(3, json(path))
                .setParameter(4, path.updatedAt()).executeUpdate()
                .chain(() -> version(session, path, actor)).replaceWithVoid());
    }

    public Uni<Optional<LearningPath>> find(String id, boolean lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select document from learning_paths where id = ?1" + (lock ? " for update" : ""), String.class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.stream().findFirst().map(PathRepository::path));
    }

    /** Paths that answer the topic (every path when null), by id. */
    public Uni<List<LearningPath>> about(String topic) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select document from learning_paths" + (topic == null ? ""
                    : " where cast(document as jsonb) -> 'topics' @> jsonb_build_array(cast(?1 as text))") + " order by id", String.class);
            return (topic == null ? query : query.setParameter(1, topic)).getResultList();
        }).map(rows -> rows.stream().map(PathRepository::path).toList());
    }

    private static Uni<Integer> version(Mutiny.Session session, LearningPath path, String actor) {
        return session.createNativeQuery("""
                        insert into learning_path_versions (path_id, version, document, changed_at, changed_by)
                        values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, path.id()).setParameter(2, path.version()).setParameter(3, json(path))
                .setParameter(4, path.updatedAt()).setParameter(5, actor).executeUpdate();
    }

    private static LearningPath path(String document) {
        try {
            return EventJson.mapper().readValue(document, LearningPath.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(LearningPath path) {
        try {
            return EventJson.mapper().writeValueAsString(path);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
