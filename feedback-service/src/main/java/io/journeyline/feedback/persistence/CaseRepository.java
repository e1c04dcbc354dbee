package io.journeyline.feedback.persistence;

import io.journeyline.feedback.domain.cases.CaseRecord;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.journeyline.platform.persistence.RowLocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Cases, their contacts and their history (native SQL: the open-case uniqueness lives in a partial index). */
@ApplicationScoped
public class CaseRepository {
    private static final String COLUMNS = """
            id, customer_id, topic, status, priority, waiting, reopenings, outcome, root_cause, team, assignee,
            pain_point_id, intervention_id, opened_at, updated_at, category, touchpoint""";
    /** How many columns {@code COLUMNS} has. */
    private static final int RECORD_COLUMNS = 17;

    /** Something that brought a case about or was gathered into it. */
    public record Contact(String kind, String refId, OffsetDateTime occurredAt, String evidence) {
    }

    /** One change of a case. */
    public record HistoryEntry(OffsetDateTime at, String action, String status, String actor, String note) {
    }

    /**
     * Queue filters; null means any. {@code breached}: whether any of the case's SLA clocks was breached.
     * {@code order}: null or {@link Order#NEWEST} newest first.
     */
    public record Query(String customerId, String status, String priority, String topic, String team, String assignee,
                        Boolean breached, int limit, Order order) {
    }

    /** How the queue is ordered. */
    public enum Order {
        /** Newest first (by opening time). */
        NEWEST,
        /**
         * By the most urgent open clock ({@link SlaRepository#MOST_URGENT_OPEN_CLOCK}): breached cases first, then
         * at-risk ones, each by due time, then the other counting ones by due time, then the rest newest first.
         */
        URGENCY
    }

    /** A case of the queue with its most urgent open SLA clock (null: none counts). */
    public record Queued(CaseRecord record, SlaRepository.ClockRow urgent) {
    }

    /** Inserts the case unless the customer already has one open on its topic; whether it was inserted. */
    public Uni<Boolean> insertIfNoneOpen(CaseRecord c) {
        return Transactions.inCallersTransaction("CaseRepository.insertIfNoneOpen", session -> session.createNativeQuery(
                        "insert into cases (" + COLUMNS + ", topic_key) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                + "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) on conflict (customer_id, topic_key) where status <> 'CLOSED' "
                                + "do nothing")
                .setParameter(1, c.id()).setParameter(2, c.customerId()).setParameter(3, c.topic())
                .setParameter(4, c.status()).setParameter(5, c.priority()).setParameter(6, c.waiting())
                .setParameter(7, c.reopenings()).setParameter(8, c.outcome()).setParameter(9, c.rootCause())
                .setParameter(10, c.team()).setParameter(11, c.assignee()).setParameter(12, c.painPointId())
                .setParameter(13, c.interventionId()).setParameter(14, c.openedAt()).setParameter(15, c.updatedAt())
                .setParameter(16, c.category()).setParameter(17, c.touchpoint()).setParameter(18, c.topicKey())
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    /** Writes a case's changing fields. */
    public Uni<Void> update(CaseRecord c) {
        return Transactions.inCallersTransaction("CaseRepository.update", session -> session.createNativeQuery("""
                        update cases set status = ?2, waiting = ?3, reopenings = ?4, outcome = ?5, root_cause = ?6, team = ?7,
                            assignee = ?8, priority = ?9, updated_at = ?10 where id = ?1""")
                .setParameter(1, c.id()).setParameter(2, c.status()).setParameter(3, c.waiting())
                .setParameter(4, c.reopenings()).setParameter(5, c.outcome()).setParameter(6, c.rootCause())
                .setParameter(7, c.team()).setParameter(8, c.assignee()).setParameter(9, c.priority())
                .setParameter(10, c.updatedAt()).executeUpdate()).replaceWithVoid();
    }

    /**
     * Locks the case for the rest of the transaction if no one else holds it, without waiting; true when locked (or
     * when there is no such case). What a timer takes first, as every command locks the case first: see
     * {@code TimerHandler.tryLockFirst}.
     */
    public Uni<Boolean> tryLock(String id) {
        return RowLocks.tryLock("cases", "for update", id);
    }

    /** A case, locked for the rest of the transaction. */
    public Uni<Optional<CaseRecord>> lock(String id) {
        return select("where id = ?1 for update", id).map(found -> found.stream().findFirst());
    }

    /** The customer's open case on this topic, locked for the rest of the transaction. */
    public Uni<Optional<CaseRecord>> openCase(String customerId, String topicKey) {
        return select("where customer_id = ?1 and topic_key = ?2 and status <> 'CLOSED' for update",
                customerId, topicKey).map(found -> found.stream().findFirst());
    }

    public Uni<Optional<CaseRecord>> find(String id) {
        return select("where id = ?1", id).map(found -> found.stream().findFirst());
    }

    /** The queue, each case with its most urgent open clock: one query. */
    public Uni<List<Queued>> queue(Query query) {
        StringBuilder where = new StringBuilder("where 1 = 1");
        List<Object> values = new ArrayList<>();
        filter(where, values, "customer_id", query.customerId());
        filter(where, values, "status", query.status());
        filter(where, values, "priority", query.priority());
        filter(where, values, "topic", query.topic());
        filter(where, values, "team", query.team());
        filter(where, values, "assignee", query.assignee());
        if (query.breached() != null) {
            where.append(query.breached() ? " and" : " and not").append(
                    " exists (select 1 from case_sla s where s.case_id = cases.id and s.breached)");
        }
        where.append(query.order() == Order.URGENCY ? " order by coalesce(u.urgency, 2), u.due_at nulls last," : " order by")
                .append(" opened_at desc, id desc limit ").append(query.limit());
        return rows("select " + COLUMNS + ", u.case_id, u.clock, u.target_ms, u.used_ms, u.running_since, u.stopped, "
                + "u.warned, u.breached, u.due_at from cases left join lateral (" + SlaRepository.MOST_URGENT_OPEN_CLOCK
                + ") u on true " + where, values.toArray())
                .map(rows -> rows.stream().map(row -> new Queued(record(row), SlaRepository.row(row, RECORD_COLUMNS)))
                        .toList());
    }

    /** Records a contact; false when it was already there (the same feedback or request twice). */
    public Uni<Boolean> addContact(String caseId, Contact contact) {
        return Transactions.inCallersTransaction("CaseRepository.addContact", session -> session.createNativeQuery("""
                        insert into case_contacts (case_id, kind, ref_id, occurred_at, evidence) values (?1, ?2, ?3, ?4, ?5)
                        on conflict do nothing""")
                .setParameter(1, caseId).setParameter(2, contact.kind()).setParameter(3, contact.refId())
                .setParameter(4, contact.occurredAt()).setParameter(5, contact.evidence())
                .executeUpdate()).map(inserted -> inserted == 1);
    }

    public Uni<Void> addHistory(String caseId, HistoryEntry entry) {
        return Transactions.inCallersTransaction("CaseRepository.addHistory", session -> session.createNativeQuery("""
                        insert into case_history (case_id, at, action, status, actor, note) values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, caseId).setParameter(2, entry.at()).setParameter(3, entry.action())
                .setParameter(4, entry.status()).setParameter(5, entry.actor()).setParameter(6, entry.note())
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<List<Contact>> contacts(String caseId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select kind, ref_id, occurred_at, evidence from case_contacts where case_id = ?1
                        order by occurred_at, ref_id""", Object[].class).setParameter(1, caseId).getResultList())
                .map(rows -> rows.stream().map(row -> new Contact((String) row[0], (String) row[1],
                        (OffsetDateTime) row[2], (String) row[3])).toList());
    }

    public Uni<List<HistoryEntry>> history(String caseId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select at, action, status, actor, note from case_history where case_id = ?1 order by seq""",
                        Object[].class).setParameter(1, caseId).getResultList())
                .map(rows -> rows.stream().map(row -> new HistoryEntry((OffsetDateTime) row[0], (String) row[1],
                        (String) row[2], (String) row[3], (String) row[4])).toList());
    }

    private static void filter(StringBuilder where, List<Object> values, String column, String value) {
        if (value != null) {
            values.add(value);
            where.append(" and ").append(column).append(" = ?").append(values.size());
        }
    }

    private Uni<List<CaseRecord>> select(String where, Object... values) {
        return rows("select " + COLUMNS + " from cases " + where, values)
                .map(rows -> rows.stream().map(CaseRepository::record).toList());
    }

    private static Uni<List<Object[]>> rows(String sql, Object... values) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < values.length; i++) {
                query.setParameter(i + 1, values[i]);
            }
            return query.getResultList();
        });
    }

    private static CaseRecord record(Object[] row) {
        return new CaseRecord((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (Boolean) row[5], ((Number) row[6]).intValue(), (String) row[7], (String) row[8], (String) row[9],
                (String) row[10], (String) row[11], (String) row[12], (OffsetDateTime) row[13], (OffsetDateTime) row[14],
                (String) row[15], (String) row[16]);
    }
}
