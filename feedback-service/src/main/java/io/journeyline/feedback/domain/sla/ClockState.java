package io.journeyline.feedback.domain.sla;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an SLA clock stands, as an agent's console shows it: from what the clock's timers have recorded (the warning
 * and the breach are marked when their timer fires, in the same transaction as the history entry and the
 * {@code case.sla-breached} event, so the state never runs ahead of them).
 */
public enum ClockState {
    /** Counting toward its due time, short of the warning. */
    RUNNING("running"),
    /** Waiting on the customer: not counting; its remaining time is kept. */
    PAUSED("paused"),
    /** Its goal was met (acknowledged, resolved) in time. */
    STOPPED("stopped"),
    /** Warned: past the warning share of its target, not breached. */
    AT_RISK("at-risk"),
    /** Past its target: breached, whatever happened after (a breach stays a breach, as in the analytics). */
    BREACHED("breached");

    private final String wire;

    ClockState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /**
     * A clock's state from its stored flags: breached first (a clock met after its breach was still breached), then
     * stopped, then paused (a warned clock that waits on the customer is not counting down), then warned.
     */
    public static ClockState of(boolean stopped, boolean running, boolean warned, boolean breached) {
        if (breached) {
            return BREACHED;
        }
        if (stopped) {
            return STOPPED;
        }
        if (!running) {
            return PAUSED;
        }
        return warned ? AT_RISK : RUNNING;
    }
}
