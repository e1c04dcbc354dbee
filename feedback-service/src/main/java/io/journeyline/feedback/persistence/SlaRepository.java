package io.journeyline.feedback.persistence;

import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.feedback.domain.cases.CaseLifecycle;
import io.journeyline.feedback.domain.sla.ClockView;
import io.journeyline.feedback.domain.sla.SlaTimer;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** The SLA clocks of cases. */
@ApplicationScoped
public class SlaRepository {
    private static final String COLUMNS = "case_id, clock, target_ms, used_ms, running_since, stopped, warned, breached, due_at";

    /**
     * A lateral subquery for a query over {@code cases}: the case's most urgent open clock, in {@code COLUMNS}' order
     * and then its {@code urgency} — 0 breached, 1 at-risk (warned, still counting), 2 else — the order
     * {@link io.journeyline.feedback.domain.sla.ClockState} gives those states; then the nearest due time (a paused
     * clock has none: last). Only a stopped clock is not open; only an open case's clocks count (a case resolved
     * without being acknowledged keeps an acknowledge clock nobody can stop any more). The index
     * {@code case_sla_open_by_urgency} (V6) holds the open clocks in this order, urgency expression word for word, so
     * each case's is its first entry, without a sort.
     */
    public static final String MOST_URGENT_OPEN_CLOCK = """
            select s.case_id, s.clock, s.target_ms, s.used_ms, s.running_since, s.stopped, s.warned, s.breached, s.due_at,
                   case when s.breached then 0 when s.warned and s.running_since is not null then 1 else 2 end as urgency
            from case_sla s
            where s.case_id = cases.id and not s.stopped and cases.status in (%s)
            order by urgency, s.due_at nulls last, s.clock
            limit 1""".formatted(CaseLifecycle.openStatuses().stream().map(CaseStatus::name)
            .map(status -> "'" + status + "'").collect(Collectors.joining(", ")));

    /**
     * A one-row subquery for a query over {@code cases}: the case's kept urgency as {@code cases.urgency} and
     * {@code cases.urgent_due_at} hold it — its {@link #MOST_URGENT_OPEN_CLOCK}'s urgency and due time, or 2 and
     * 'infinity' when none counts (no open clock, only paused ones, or the case not open), so the queue's order by
     * urgency, due time nulls last is plain ascending order on the case's own row, which an index holds (V7).
     */
    public static final String KEPT_URGENCY = "select coalesce(min(u.urgency), 2), coalesce(min(u.due_at), 'infinity') from ("
            + MOST_URGENT_OPEN_CLOCK + ") u";

    /**
     * Brings case {@code ?1}'s kept urgency up to date with its clocks and its status; writes nothing when it stands.
     * Run after every write of either, in the same transaction ({@link #save}, {@code CaseRepository.update}), so the
     * kept value is the computed one (KeptUrgencyTest walks random clock operations to check it).
     */
    static final String KEEP_URGENCY = "update cases set (urgency, urgent_due_at) = (" + KEPT_URGENCY
            + ") where id = ?1 and (urgency, urgent_due_at) <> (" + KEPT_URGENCY + ")";

    /** One clock of one case. */
    public record ClockRow(String caseId, String clock, SlaTimer timer, boolean stopped, boolean warned, boolean breached,
                           OffsetDateTime dueAt) {
        public ClockRow with(SlaTimer newTimer, boolean newStopped, boolean newWarned, boolean newBreached,
                             OffsetDateTime newDueAt) {
            return new ClockRow(caseId, clock, newTimer, newStopped, newWarned, newBreached, newDueAt);
        }

        /** The clock as the API shows it. */
        public ClockView view() {
            return ClockView.of(clock, timer, stopped, warned, breached, dueAt);
        }
    }

    /**
     * Writes clocks of case {@code caseId} that changed together (a new case's two, a pause of its running ones), then
     * brings the case's kept urgency up to date once: two statements for the lot, and at most one new version of the
     * case's row, not one per clock.
     */
    public Uni<Void> save(String caseId, List<ClockRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (rows.stream().anyMatch(row -> !row.caseId().equals(caseId))) {
            throw new IllegalArgumentException("clocks of another case than " + caseId);
        }
        List<Object[]> values = rows.stream().map(row -> new Object[]{row.caseId(), row.clock(),
                row.timer().target().toMillis(), row.timer().used().toMillis(),
                row.timer().runningSince() == null ? null : row.timer().runningSince().atOffset(ZoneOffset.UTC),
                row.stopped(), row.warned(), row.breached(), row.dueAt()}).toList();
        return Transactions.inCallersTransaction("SlaRepository.save", session -> MultiRowStatement.of("""
                        insert into case_sla (case_id, clock, target_ms, used_ms, running_since, stopped, warned, breached, due_at)
                        select * from""", "text, text, bigint, bigint, timestamptz, boolean, boolean, boolean, timestamptz",
                        values, """
                        on conflict (case_id, clock) do update set target_ms = excluded.target_ms, used_ms = excluded.used_ms,
                            running_since = excluded.running_since, stopped = excluded.stopped, warned = excluded.warned,
                            breached = excluded.breached, due_at = excluded.due_at""")
                .executeUpdate(session)).chain(() -> keepUrgency(caseId));
    }

    /** Case {@code caseId}'s kept urgency, brought up to date ({@link #KEEP_URGENCY}) in the caller's transaction. */
    static Uni<Void> keepUrgency(String caseId) {
        return Transactions.inCallersTransaction("SlaRepository.keepUrgency", session -> session
                .createNativeQuery(KEEP_URGENCY).setParameter(1, caseId).executeUpdate()).replaceWithVoid();
    }

    /** A case's clocks, locked for the rest of the transaction. */
    public Uni<List<ClockRow>> lock(String caseId) {
        return select(caseId, " for update");
    }

    /** A case's clocks as they stand, for a reader. */
    public Uni<List<ClockRow>> of(String caseId) {
        return select(caseId, "");
    }

    /**
     * The clock in {@code row} from column {@code at} on, in {@code COLUMNS}' order (as {@link #MOST_URGENT_OPEN_CLOCK}
     * selects them); null when there is none (an outer join found none).
     */
    public static ClockRow row(Object[] row, int at) {
        if (row[at] == null) {
            return null;
        }
        return new ClockRow((String) row[at], (String) row[at + 1],
                new SlaTimer(Duration.ofMillis(((Number) row[at + 2]).longValue()),
                        Duration.ofMillis(((Number) row[at + 3]).longValue()),
                        row[at + 4] == null ? null : ((OffsetDateTime) row[at + 4]).toInstant()),
                (Boolean) row[at + 5], (Boolean) row[at + 6], (Boolean) row[at + 7], (OffsetDateTime) row[at + 8]);
    }

    private Uni<List<ClockRow>> select(String caseId, String lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + COLUMNS + " from case_sla where case_id = ?1 order by clock" + lock, Object[].class)
                .setParameter(1, caseId).getResultList())
                .map(rows -> rows.stream().map(row -> row(row, 0)).toList());
    }
}
