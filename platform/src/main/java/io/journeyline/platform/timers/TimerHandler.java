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

    /**
     * Before {@link #fire}, in the same transaction: locks, without waiting, what the service's consumer locks first
     * when it changes the state this timer is about — journey-service locks the customer — and answers whether it
     * could. The poller holds only the timer's own row then, and never waits while holding it: a consumer that holds
     * the customer and schedules or cancels that customer's timers cannot deadlock with a firing, and a timer whose
     * customer is busy is left for the next poll ({@code journeyline.timers.deferred}). Nothing to lock by default.
     */
    default Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return Uni.createFrom().item(true);
    }
}
