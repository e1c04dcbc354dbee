package io.journeyline.feedback.service;

import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.feedback.config.SlaConfig;
import io.journeyline.feedback.domain.sla.BusinessCalendar;
import io.journeyline.feedback.domain.sla.SlaTimer;
import io.journeyline.feedback.persistence.SlaRepository;
import io.journeyline.feedback.persistence.SlaRepository.ClockRow;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.timers.Timers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A case's SLA clocks (acknowledge, resolve), in the caller's transaction: started when the case opens, stopped when
 * their goal is met, paused while the case waits on the customer, restarted for the resolution when a case reopens.
 * Each running clock has two durable timers (warning at the configured share, breach at the target) that move with it.
 */
@ApplicationScoped
public class SlaService {
    /** The timer kind; keys are {@code caseId:CLOCK:WARN} and {@code caseId:CLOCK:BREACH}. */
    static final String KIND = "case-sla";

    private final SlaRepository clocks;
    private final Timers timers;
    private final SlaConfig config;
    private final BusinessCalendar calendar;

    public SlaService(SlaRepository clocks, Timers timers, SlaConfig config) {
        this.clocks = clocks;
        this.timers = timers;
        this.config = config;
        this.calendar = config.calendar();
    }

    /** What a fired timer is about. */
    public record Alarm(String caseId, SlaClock clock, boolean breach) {
    }

    public Uni<Void> start(String caseId, Priority priority, Instant at) {
        return InOrder.each(List.of(SlaClock.values()), clock -> restart(caseId, clock, priority, at));
    }

    /** A fresh clock (a new case, or the resolution of a reopened one). */
    public Uni<Void> restart(String caseId, SlaClock clock, Priority priority, Instant at) {
        ClockRow row = new ClockRow(caseId, clock.name(), SlaTimer.start(config.target(clock, priority), at), false, false,
                false, null);
        return saveAndSchedule(row);
    }

    /**
     * The case's priority changed: its unstopped clocks measure against the new priority's targets, keeping the time
     * used (a shorter target may be due at once; the poller then fires it).
     */
    public Uni<Void> retarget(String caseId, Priority priority) {
        return change(caseId, row -> !row.stopped(), row -> row.with(row.timer().withTarget(
                config.target(SlaClock.valueOf(row.clock()), priority)), false, row.warned(), row.breached(), null));
    }

    /** The clock's goal is met (acknowledged, resolved): it stops and its timers go. */
    public Uni<Void> stop(String caseId, SlaClock clock, Instant at) {
        return change(caseId, row -> row.clock().equals(clock.name()) && !row.stopped(),
                row -> row.with(row.timer().pause(at, calendar), true, row.warned(), row.breached(), null));
    }

    /** Waiting on the customer: running clocks pause. */
    public Uni<Void> pause(String caseId, Instant at) {
        return change(caseId, row -> !row.stopped() && row.timer().running(),
                row -> row.with(row.timer().pause(at, calendar), false, row.warned(), row.breached(), null));
    }

    /** The customer answered: paused clocks run again, their due times moved by the pause. */
    public Uni<Void> resume(String caseId, Instant at) {
        return change(caseId, row -> !row.stopped() && !row.timer().running(),
                row -> row.with(row.timer().resume(at), false, row.warned(), row.breached(), null));
    }

    /**
     * A timer fired: marks the clock warned or breached; empty when the clock no longer runs toward it (stopped,
     * paused, already marked) — a timer that raced a change does nothing.
     */
    public Uni<Optional<ClockRow>> fired(Alarm alarm) {
        return clocks.lock(alarm.caseId()).chain(rows -> {
            ClockRow row = rows.stream().filter(r -> r.clock().equals(alarm.clock().name())).findFirst().orElse(null);
            if (row == null || row.stopped() || !row.timer().running()
                    || (alarm.breach() ? row.breached() : row.warned() || row.breached())) {
                return Uni.createFrom().item(Optional.<ClockRow>empty());
            }
            ClockRow marked = alarm.breach() ? row.with(row.timer(), false, true, true, row.dueAt())
                    : row.with(row.timer(), false, true, false, row.dueAt());
            return clocks.save(marked).replaceWith(Optional.of(marked));
        });
    }

    private Uni<Void> change(String caseId, Predicate<ClockRow> which,
                             Function<ClockRow, ClockRow> how) {
        return clocks.lock(caseId).chain(rows -> InOrder.each(rows.stream().filter(which).toList(),
                row -> saveAndSchedule(how.apply(row))));
    }

    private Uni<Void> saveAndSchedule(ClockRow row) {
        String key = row.caseId() + ":" + row.clock();
        Instant due = row.stopped() ? null : row.timer().dueAt(calendar);
        Instant warn = row.stopped() ? null : row.timer().reaches(config.warnAt(), calendar);
        ClockRow saved = row.with(row.timer(), row.stopped(), row.warned(), row.breached(),
                due == null ? null : due.atOffset(ZoneOffset.UTC));
        String payload = Timers.json(new Alarm(row.caseId(), SlaClock.valueOf(row.clock()), false));
        String breachPayload = Timers.json(new Alarm(row.caseId(), SlaClock.valueOf(row.clock()), true));
        Uni<Void> chain = clocks.save(saved)
                .chain(() -> timers.cancelAll(KIND, List.of(key + ":WARN", key + ":BREACH"))).replaceWithVoid();
        if (warn != null && !row.warned()) {
            chain = chain.chain(() -> timers.schedule(KIND, key + ":WARN", warn, payload));
        }
        if (due != null && !row.breached()) {
            chain = chain.chain(() -> timers.schedule(KIND, key + ":BREACH", due, breachPayload));
        }
        return chain;
    }
}
