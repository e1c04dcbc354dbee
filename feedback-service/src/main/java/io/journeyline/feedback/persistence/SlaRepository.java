package io.journeyline.feedback.persistence;

import io.journeyline.feedback.domain.sla.SlaTimer;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The SLA clocks of cases. */
@ApplicationScoped
public class SlaRepository {

    /** One clock of one case. */
    public record ClockRow(String caseId, String clock, SlaTimer timer, boolean stopped, boolean warned, boolean breached,
                           OffsetDateTime dueAt) {
        public ClockRow with(SlaTimer newTimer, boolean newStopped, boolean newWarned, boolean newBreached,
                             OffsetDateTime newDueAt) {
            return new ClockRow(caseId, clock, newTimer, newStopped, newWarned, newBreached, newDueAt);
        }
    }

    public Uni<Void> save(ClockRow row) {
        return Transactions.inCallersTransaction("SlaRepository.save", session -> session.createNativeQuery("""
                        insert into case_sla (case_id, clock, target_ms, used_ms, running_since, stopped, warned, breached, due_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        on conflict (case_id, clock) do update set target_ms = excluded.target_ms, used_ms = excluded.used_ms,
                            running_since = excluded.running_since, stopped = excluded.stopped, warned = excluded.warned,
                            breached = excluded.breached, due_at = excluded.due_at""")
                .setParameter(1, row.caseId()).setParameter(2, row.clock())
                .setParameter(3, row.timer().target().toMillis()).setParameter(4, row.timer().used().toMillis())
                .setParameter(5, row.timer().runningSince() == null ? null : row.timer().runningSince().atOffset(ZoneOffset.UTC))
                .setParameter(6, row.stopped()).setParameter(7, row.warned()).setParameter(8, row.breached())
                .setParameter(9, row.dueAt()).executeUpdate()).replaceWithVoid();
    }

    /** A case's clocks, locked for the rest of the transaction. */
    public Uni<List<ClockRow>> lock(String caseId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select case_id, clock, target_ms, used_ms, running_since, stopped, warned, breached, due_at
                        from case_sla where case_id = ?1 order by clock for update""", Object[].class)
                .setParameter(1, caseId).getResultList())
                .map(rows -> rows.stream().map(row -> new ClockRow((String) row[0], (String) row[1],
                        new SlaTimer(Duration.ofMillis(((Number) row[2]).longValue()),
                                Duration.ofMillis(((Number) row[3]).longValue()),
                                row[4] == null ? null : ((OffsetDateTime) row[4]).toInstant()),
                        (Boolean) row[5], (Boolean) row[6], (Boolean) row[7], (OffsetDateTime) row[8])).toList());
    }
}
