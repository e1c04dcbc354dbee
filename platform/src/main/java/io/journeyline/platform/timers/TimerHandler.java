package io.journeyline.platform.timers;

import io.journeyline.platform.messaging.InOrder;
import io.smallrye.mutiny.Uni;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reacts to the timers of one kind. Implement it as an {@code @ApplicationScoped} bean; the poller finds it by
 * {@link #kind()}. The poller fires due timers in batches, one transaction per batch, which also deletes them: write
 * state and outbox events through the current session (use {@code Cause.of(timer)} so a second firing after a crash
 * publishes the same event ids). A failure rolls the batch back; its timers then fire one per transaction, so only the
 * failing one fires again after {@code journeyline.timers.retry-back-off}, up to {@code journeyline.timers.max-attempts}.
 * <p>
 * A handler implements {@link #fire} and {@link #tryLockFirst}; one whose work is set-based (one statement for many
 * customers) overrides {@link #fireAll} and {@link #tryLockFirstAll} too.
 */
public interface TimerHandler {
    /** The kind of timer this handler fires, e.g. {@code case-sla}. */
    String kind();

    Uni<Void> fire(FiredTimer timer);

    /**
     * Fires several timers of this kind, in due order, in the current transaction: as if {@link #fire} ran for each
     * in turn (a later timer sees what an earlier one wrote). By default it does exactly that.
     */
    default Uni<Void> fireAll(List<FiredTimer> timers) {
        return InOrder.each(timers, this::fire);
    }

    /**
     * Before {@link #fire}, in the same transaction: locks, without waiting, what the service's consumer locks first
     * when it changes the state this timer is about — journey-service locks the customer — and answers whether it
     * could. The poller holds only the timers' own rows then, and never waits while holding them: a consumer that holds
     * the customer and schedules or cancels that customer's timers cannot deadlock with a firing, and a timer whose
     * customer is busy is left for the next poll ({@code journeyline.timers.deferred}). Nothing to lock by default.
     */
    default Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return Uni.createFrom().item(true);
    }

    /**
     * {@link #tryLockFirst} for several timers of this kind; the keys of those whose lock was taken. By default one
     * {@link #tryLockFirst} after another.
     */
    default Uni<Set<String>> tryLockFirstAll(List<FiredTimer> timers) {
        Set<String> locked = new HashSet<>();
        return InOrder.each(timers, timer -> tryLockFirst(timer).invoke(gotIt -> {
            if (gotIt) {
                locked.add(timer.key());
            }
        })).replaceWith(() -> locked);
    }
}
