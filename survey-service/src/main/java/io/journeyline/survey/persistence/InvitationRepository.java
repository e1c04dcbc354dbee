package io.journeyline.survey.persistence;

import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.platform.persistence.Transactions;
import io.journeyline.survey.domain.invitations.Invitation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Invitations (native SQL: the one-per-request rule is a unique source key). */
@ApplicationScoped
public class InvitationRepository {
    private static final String COLUMNS = """
            id, customer_id, survey_id, survey_version, survey_kind, channel, language, reason, source_key, case_id,
            touchpoint, topic, status, suppressed_by, suppression_reason, answers, response_id, created_at, expires_at,
            completed_at, segment""";

    /** When the customer was last invited (sent, not suppressed): to any survey, and to this one. */
    public record LastInvited(OffsetDateTime any, OffsetDateTime thisSurvey) {
    }

    /** Inserts the invitation unless one with its source key exists; whether it was inserted. */
    public Uni<Boolean> insertIfNew(Invitation i, String tokenHash) {
        return Transactions.inCallersTransaction("InvitationRepository.insertIfNew", session -> session.createNativeQuery(
                        "insert into invitations (" + COLUMNS + ", token_hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                + "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) on conflict (source_key) do nothing")
                .setParameter(1, i.id()).setParameter(2, i.customerId()).setParameter(3, i.surveyId())
                .setParameter(4, i.surveyVersion()).setParameter(5, i.surveyKind()).setParameter(6, i.channel())
                .setParameter(7, i.language()).setParameter(8, i.reason()).setParameter(9, i.sourceKey())
                .setParameter(10, i.caseId()).setParameter(11, i.touchpoint()).setParameter(12, i.topic())
                .setParameter(13, i.status()).setParameter(14, i.suppressedBy()).setParameter(15, i.suppressionReason())
                .setParameter(16, i.answers()).setParameter(17, i.responseId()).setParameter(18, i.createdAt())
                .setParameter(19, i.expiresAt()).setParameter(20, i.completedAt()).setParameter(21, i.segment())
                .setParameter(22, tokenHash)
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    public Uni<LastInvited> lastInvited(String customerId, String surveyId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select max(created_at), max(created_at) filter (where survey_id = ?2)
                        from invitations where customer_id = ?1 and status <> 'SUPPRESSED'""", Object[].class)
                .setParameter(1, customerId).setParameter(2, surveyId).getSingleResult())
                .map(row -> new LastInvited((OffsetDateTime) row[0], (OffsetDateTime) row[1]));
    }

    /**
     * Up to {@code limit} of the customer's invitations, newest first by {@code created_at} then id, strictly after
     * {@code after} when given: the order of the index {@code invitations_by_customer_newest} (V8), which the scan
     * starts at the position and leaves after the page.
     */
    public Uni<List<Invitation>> ofCustomer(String customerId, KeysetCursor after, int limit) {
        return after == null
                ? select("where customer_id = ?1 order by created_at desc, id desc limit ?2", customerId, limit)
                : select("where customer_id = ?1 and (created_at, id) < (?2, ?3) order by created_at desc, id desc limit ?4",
                customerId, after.time(), after.tieBreaker(), limit);
    }

    /** The invitation a token opens, locked for the rest of the transaction when {@code lock}. */
    public Uni<Optional<Invitation>> byTokenHash(String tokenHash, boolean lock) {
        return select("where token_hash = ?1" + (lock ? " for update" : ""), tokenHash)
                .map(found -> found.stream().findFirst());
    }

    /** Saves the answers so far (a partial save). */
    public Uni<Void> saveAnswers(String id, String answers) {
        return Transactions.inCallersTransaction("InvitationRepository.saveAnswers", session -> session.createNativeQuery(
                        "update invitations set answers = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, answers).executeUpdate()).replaceWithVoid();
    }

    /** The invitation was answered: COMPLETED, with its answers and response. */
    public Uni<Void> complete(String id, String answers, String responseId, OffsetDateTime at) {
        return Transactions.inCallersTransaction("InvitationRepository.complete", session -> session.createNativeQuery("""
                        update invitations set answers = ?2, response_id = ?3, completed_at = ?4, status = 'COMPLETED'
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, answers).setParameter(3, responseId).setParameter(4, at)
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<List<Invitation>> select(String where, Object... values) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select " + COLUMNS + " from invitations " + where, Object[].class);
            for (int i = 0; i < values.length; i++) {
                query.setParameter(i + 1, values[i]);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(InvitationRepository::invitation).toList());
    }

    private static Invitation invitation(Object[] r) {
        return new Invitation((String) r[0], (String) r[1], (String) r[2], r[3] == null ? null : ((Number) r[3]).intValue(),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10],
                (String) r[11], (String) r[12], (String) r[13], (String) r[14], (String) r[15], (String) r[16],
                (OffsetDateTime) r[17], (OffsetDateTime) r[18], (OffsetDateTime) r[19], (String) r[20]);
    }
}
