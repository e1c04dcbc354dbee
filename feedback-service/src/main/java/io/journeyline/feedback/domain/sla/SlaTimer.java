package io.journeyline.feedback.domain.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One SLA clock of a case (acknowledge or resolve): its target, the clock time already used, and since when it runs
 * (null while paused, e.g. waiting on the customer). Immutable; times come from the caller (an injected clock or the
 * feedback's {@code receivedAt}), so a restart recomputes the same due times from the stored state.
 */
public record SlaTimer(Duration target, Duration used, Instant runningSince) {

    /** A clock started at {@code at}. */
    public static SlaTimer start(Duration target, Instant at) {
        return new SlaTimer(target, Duration.ZERO, at);
    }

    /** The same clock measured against another target (the case's priority changed); the time used stays. */
    public SlaTimer withTarget(Duration newTarget) {
        return new SlaTimer(newTarget, used, runningSince);
    }

    public boolean running() {
        return runningSince != null;
    }

    /** Stops the clock at {@code at}, keeping the time used; a paused clock stays as it is. */
    public SlaTimer pause(Instant at, BusinessCalendar calendar) {
        return running() ? new SlaTimer(target, used.plus(calendar.between(runningSince, at)), null) : this;
    }

    /** Runs the clock again from {@code at}; a running clock stays as it is. */
    public SlaTimer resume(Instant at) {
        return running() ? this : new SlaTimer(target, used, at);
    }

    /** The clock time used by {@code now}. */
    public Duration usedAt(Instant now, BusinessCalendar calendar) {
        return running() ? used.plus(calendar.between(runningSince, now)) : used;
    }

    /** When the clock reaches {@code fraction} of its target if it keeps running; null while paused. */
    public Instant reaches(double fraction, BusinessCalendar calendar) {
        if (!running()) {
            return null;
        }
        Duration at = Duration.ofMillis(Math.round(target.toMillis() * fraction));
        Duration left = at.minus(used);
        return left.isNegative() ? runningSince : calendar.plus(runningSince, left);
    }

    /** When the clock is breached if it keeps running; null while paused. */
    public Instant dueAt(BusinessCalendar calendar) {
        return reaches(1.0, calendar);
    }
}
