package io.journeyline.feedback.service;

import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.feedback.config.SlaConfig;
import io.journeyline.feedback.domain.sla.BusinessCalendar;
import io.journeyline.feedback.domain.sla.SlaTimer;
import io.journeyline.feedback.persistence.SlaRepository;
import io.journeyline.feedback.persistence.SlaRepository.ClockRow;
import io.journeyline.platform.timers.Timers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
        return saveAndSchedule(caseId, Arrays.stream(SlaClock.values()).map(clock -> fresh(caseId, clock, priority, at)).toList());
    }

    /** A fresh clock (a new case, or the resolution of a reopened one). */
    public Uni<Void> restart(String caseId, SlaClock clock, Priority priority, Instant at) {
        return saveAndSchedule(caseId, List.of(fresh(caseId, clock, priority, at)));
    }

    private ClockRow fresh(String caseId, SlaClock clock, Priority priority, Instant at) {
        return new ClockRow(caseId, clock.name(), SlaTimer.start(config.target(clock, priority), at), false, false,
                false, null);
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
            return clocks.save(alarm.caseId(), List.of(marked)).replaceWith(Optional.of(marked));
        });
    }

    private Uni<Void> change(String caseId, Predicate<ClockRow> which,
                             Function<ClockRow, ClockRow> how) {
        return clocks.lock(caseId).chain(rows -> saveAndSchedule(caseId, rows.stream().filter(which).map(how).toList()));
    }

    /**
     * Saves a case's changed clocks with their due times (together: see {@link SlaRepository#save}), then moves their
     * timers: the ones they had go, each running clock gets its warning and breach (those not yet marked). Four
     * statements whatever the number of clocks.
     */
    private Uni<Void> saveAndSchedule(String caseId, List<ClockRow> changed) {
        List<ClockRow> saved = changed.stream().map(row -> {
            Instant due = row.stopped() ? null : row.timer().dueAt(calendar);
            return row.with(row.timer(), row.stopped(), row.warned(), row.breached(),
                    due == null ? null : due.atOffset(ZoneOffset.UTC));
        }).toList();
        List<String> keys = new ArrayList<>();
        List<Timers.Schedule> schedules = new ArrayList<>();
        for (ClockRow row : saved) {
            String key = row.caseId() + ":" + row.clock();
            keys.add(key + ":WARN");
            keys.add(key + ":BREACH");
            Instant warn = row.stopped() ? null : row.timer().reaches(config.warnAt(), calendar);
            if (warn != null && !row.warned()) {
                schedules.add(new Timers.Schedule(KIND, key + ":WARN", warn,
                        Timers.json(new Alarm(row.caseId(), SlaClock.valueOf(row.clock()), false))));
            }
            if (row.dueAt() != null && !row.breached()) {
                schedules.add(new Timers.Schedule(KIND, key + ":BREACH", row.dueAt().toInstant(),
                        Timers.json(new Alarm(row.caseId(), SlaClock.valueOf(row.clock()), true))));
            }
        }
        return clocks.save(caseId, saved)
                .chain(() -> timers.cancelAll(KIND, keys))
                .chain(() -> timers.scheduleAll(schedules));
    }
}
