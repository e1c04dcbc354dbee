package io.journeyline.feedback.domain.sla;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One SLA clock of a case as the API shows it: which, when it is due while it counts, how much of its target is left
 * while it is paused (a paused clock has no due time: it depends on when the customer answers), and its state.
 */
@Schema(description = "One SLA clock of a case")
public record ClockView(
        @Schema(description = "ACKNOWLEDGE or RESOLVE", examples = "ACKNOWLEDGE") String clock,
        @Schema(description = "When the clock is (or was) due while it counts (running, at-risk, breached while "
                + "counting); null when stopped or paused") OffsetDateTime dueAt,
        @Schema(description = "A paused clock's time left (clock time, ISO-8601 duration, e.g. PT118H); null "
                + "otherwise", examples = "PT118H") String remaining,
        @Schema(description = "running, paused (waiting on the customer), stopped (met), at-risk (warned: past the "
                + "warning share of its target, not breached) or breached") ClockState state) {

    /** The view of a stored clock: {@code dueAt} is its stored due time, which only a counting clock has. */
    public static ClockView of(String clock, SlaTimer timer, boolean stopped, boolean warned, boolean breached,
                               OffsetDateTime dueAt) {
        ClockState state = ClockState.of(stopped, timer.running(), warned, breached);
        boolean counting = !stopped && timer.running();
        Duration left = timer.target().minus(timer.used());
        return new ClockView(clock, counting ? dueAt : null,
                state == ClockState.PAUSED ? (left.isNegative() ? Duration.ZERO : left).toString() : null, state);
    }
}
