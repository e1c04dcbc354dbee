package io.journeyline.platform.messaging;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Handles the events of one consumed batch that its route is for, in delivery order, inside the batch's
 * transaction (already deduplicated). Write state and outbox events through the current session; do not open a
 * transaction of your own. Throwing, or failing the Uni, rolls the batch back: the pipeline then retries a
 * transient failure and isolates a permanent one to the event that causes it.
 *
 * @param <E> {@link Delivery} of a contract record, or {@link io.journeyline.platform.cloudevents.IncomingEvent}
 */
@FunctionalInterface
public interface EventHandler<E> {
    Uni<Void> handle(List<E> events);
}
