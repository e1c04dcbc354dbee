package io.journeyline.survey.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.journeyline.contract.EventJson;
import io.journeyline.platform.persistence.Transactions;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Survey definitions and their versions (native SQL; a definition is stored as JSON). */
@ApplicationScoped
public class SurveyRepository {

    /** One version of a survey. */
    public record StoredSurvey(SurveyDefinition definition, int version, int currentVersion, OffsetDateTime createdAt,
                               String createdBy) {
    }

    /** Inserts a new survey at version 1; false when the id is taken. */
    public Uni<Boolean> create(SurveyDefinition definition, OffsetDateTime at, String actor) {
        return Transactions.inCallersTransaction("SurveyRepository.create", session -> session.createNativeQuery("""
                        insert into surveys (id, kind, name, current_version, created_at, updated_at)
                        values (?1, ?2, ?3, 1, ?4, ?4) on conflict do nothing""")
                .setParameter(1, definition.id()).setParameter(2, definition.kind().name())
                .setParameter(3, definition.name()).setParameter(4, at).executeUpdate()
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(false)
                        : insertVersion(session, definition, 1, at, actor).replaceWith(true)));
    }

    /** Makes {@code definition} the survey's next version; the new version's number. */
    public Uni<Integer> addVersion(SurveyDefinition definition, int version, OffsetDateTime at, String actor) {
        return Transactions.inCallersTransaction("SurveyRepository.addVersion", session -> session.createNativeQuery("""
                        update surveys set current_version = ?2, name = ?3, updated_at = ?4 where id = ?1""")
                .setParameter(1, definition.id()).setParameter(2, version).setParameter(3, definition.name())
                .setParameter(4, at).executeUpdate()
                .chain(() -> insertVersion(session, definition, version, at, actor)).replaceWith(version));
    }

    private static Uni<Integer> insertVersion(Mutiny.Session session,
                                              SurveyDefinition definition, int version, OffsetDateTime at, String actor) {
        return session.createNativeQuery("""
                        insert into survey_versions (survey_id, version, definition, created_at, created_by)
                        values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, definition.id()).setParameter(2, version).setParameter(3, json(definition))
                .setParameter(4, at).setParameter(5, actor).executeUpdate();
    }

    /** The survey at {@code version}, or at its current version when null; {@code lock} for an update. */
    public Uni<Optional<StoredSurvey>> find(String id, Integer version, boolean lock) {
        String which = version == null ? "v.version = s.current_version" : "v.version = ?2";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("""
                            select v.definition, v.version, s.current_version, v.created_at, v.created_by
                            from surveys s join survey_versions v on v.survey_id = s.id
                            where s.id = ?1 and\s""" + which + (lock ? " for update of s" : ""), Object[].class)
                    .setParameter(1, id);
            return (version == null ? query : query.setParameter(2, version)).getResultList();
        }).map(rows -> rows.stream().findFirst().map(SurveyRepository::stored));
    }

    /** Every survey at its current version, by id. */
    public Uni<List<StoredSurvey>> current() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select v.definition, v.version, s.current_version, v.created_at, v.created_by
                        from surveys s join survey_versions v on v.survey_id = s.id and v.version = s.current_version
                        order by s.id""", Object[].class).getResultList())
                .map(rows -> rows.stream().map(SurveyRepository::stored).toList());
    }

    private static StoredSurvey stored(Object[] row) {
        try {
            SurveyDefinition definition = EventJson.mapper().readValue((String) row[0], SurveyDefinition.class);
            return new StoredSurvey(definition, ((Number) row[1]).intValue(), ((Number) row[2]).intValue(),
                    (OffsetDateTime) row[3], (String) row[4]);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(SurveyDefinition definition) {
        try {
            return EventJson.mapper().writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
