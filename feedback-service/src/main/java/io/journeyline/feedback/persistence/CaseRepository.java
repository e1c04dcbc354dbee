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
     * {@code order}: null or {@link Order#NEWEST} newest first. {@code after}: where the previous page ended (null: from
     * the start). {@code limit}: how many cases at most.
     */
    public record Query(String customerId, String status, String priority, String topic, String team, String assignee,
                        Boolean breached, int limit, Order order, Position after) {
    }

    /** How the queue is ordered. */
    public enum Order {
        /** Newest first (by opening time, then id). */
        NEWEST,
        /**
         * By the most urgent open clock ({@link SlaRepository#MOST_URGENT_OPEN_CLOCK}, as kept on the case:
         * {@link SlaRepository#KEPT_URGENCY}): breached cases first, then at-risk ones, each by due time, then the other
         * counting ones by due time, then the rest newest first.
         */
        URGENCY
    }

    /**
     * A case's place in the queue's orders: its opening time and id (newest first), and its kept urgency and due time
     * (null: none counts) for {@link Order#URGENCY}.
     */
    public record Position(OffsetDateTime openedAt, String id, int urgency, OffsetDateTime urgentDueAt) {
    }

    /** A case of the queue with its most urgent open SLA clock (null: none counts) and its place in the queue. */
    public record Queued(CaseRecord record, SlaRepository.ClockRow urgent, Position position) {
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

    /**
     * Writes a case's changing fields, and brings its kept urgency up to date: the urgency reads the case's status (a
     * resolved case's clocks count no more). Today every transition that opens or ends a case also moves a clock, which
     * keeps it too; this keeps it whatever a future transition does, and writes nothing when it stands.
     */
    public Uni<Void> update(CaseRecord c) {
        return Transactions.inCallersTransaction("CaseRepository.update", session -> session.createNativeQuery("""
                        update cases set status = ?2, waiting = ?3, reopenings = ?4, outcome = ?5, root_cause = ?6, team = ?7,
                            assignee = ?8, priority = ?9, updated_at = ?10 where id = ?1""")
                .setParameter(1, c.id()).setParameter(2, c.status()).setParameter(3, c.waiting())
                .setParameter(4, c.reopenings()).setParameter(5, c.outcome()).setParameter(6, c.rootCause())
                .setParameter(7, c.team()).setParameter(8, c.assignee()).setParameter(9, c.priority())
                .setParameter(10, c.updatedAt()).executeUpdate()).chain(() -> SlaRepository.keepUrgency(c.id()));
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

    /**
     * A page of the queue, each case with its most urgent open clock: one query. The cases come from a walk of an index
     * in the page's order (V7) that starts at {@code after} and stops after {@code limit} rows; only they are joined to
     * their clocks. By urgency after a position, two walks: the rest of the position's (urgency, due time) group newest
     * first, then the groups after it — each an index range, so a page deep in the queue costs what the first does.
     */
    public Uni<List<Queued>> queue(Query query) {
        Sql sql = queueSql(query);
        return rows(sql.text(), sql.values().toArray())
                .map(rows -> rows.stream().map(row -> {
                    CaseRecord record = record(row);
                    return new Queued(record, SlaRepository.row(row, RECORD_COLUMNS + 2), new Position(record.openedAt(),
                            record.id(), ((Number) row[RECORD_COLUMNS]).intValue(), (OffsetDateTime) row[RECORD_COLUMNS + 1]));
                }).toList());
    }

    /** A native statement and its ordinal parameters' values. */
    record Sql(String text, List<Object> values) {
    }

    /** The queue's statement ({@link #queue}), apart for a test to EXPLAIN it. */
    static Sql queueSql(Query query) {
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
        String newest = "opened_at desc, id desc";
        String order = query.order() == Order.URGENCY ? "urgency, urgent_due_at, " + newest : newest;
        String page;
        Position after = query.after();
        if (after == null) {
            page = "select * from cases " + where + " order by " + order + " limit " + query.limit();
        } else {
            values.add(after.openedAt());
            String openedAt = "?" + values.size();
            values.add(after.id());
            String beforeInGroup = " and (opened_at, id) < (" + openedAt + ", ?" + values.size() + ")";
            if (query.order() == Order.URGENCY) {
                values.add(after.urgency());
                String urgency = "?" + values.size();
                String due = "'infinity'";
                if (after.urgentDueAt() != null) {
                    values.add(after.urgentDueAt());
                    due = "?" + values.size();
                }
                page = "(select * from cases " + where + " and urgency = " + urgency + " and urgent_due_at = " + due
                        + beforeInGroup + " order by " + newest + " limit " + query.limit() + ") union all "
                        + "(select * from cases " + where + " and (urgency, urgent_due_at) > (" + urgency + ", " + due
                        + ") order by " + order + " limit " + query.limit() + ")";
            } else {
                page = "select * from cases " + where + beforeInGroup + " order by " + order + " limit " + query.limit();
            }
        }
        return new Sql("select " + COLUMNS + ", cases.urgency, nullif(cases.urgent_due_at, 'infinity'), u.case_id, u.clock, "
                + "u.target_ms, u.used_ms, u.running_since, u.stopped, u.warned, u.breached, u.due_at from (" + page
                + ") cases left join lateral (" + SlaRepository.MOST_URGENT_OPEN_CLOCK + ") u on true order by "
                + order.replace("urgency", "cases.urgency") + " limit " + query.limit(), values);
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
