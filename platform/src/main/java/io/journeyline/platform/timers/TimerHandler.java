package io.journeyline.platform.timers;

import io.smallrye.mutiny.Uni;

/**
 * Reacts to the timers of one kind. Implement it as an {@code @ApplicationScoped} bean; the poller finds it by
 * {@link #kind()}. {@link #fire} runs inside the timer's own transaction, which also deletes the timer: write state
 * and outbox events through the current session (use {@code Cause.of(timer)} so a second firing after a crash
 * publishes the same event ids). A failure rolls back and the timer fires again after
 * {@code journeyline.timers.retry-back-off}, up to {@code journeyline.timers.max-attempts}.
 */
public interface TimerHandler {
    /** The kind of timer this handler fires, e.g. {@code case-sla}. */
    String kind();

    Uni<Void> fire(FiredTimer timer);
}
