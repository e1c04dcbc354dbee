package io.journeyline.platform.messaging;

import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.platform.cloudevents.IncomingEvent;

/**
 * One consumed event as a typed handler receives it.
 *
 * @param event the envelope: id, source, time, extensions (and {@code traceparent}); the cause of whatever the
 *              handler publishes ({@code Cause.of(event)})
 * @param data  the event's data as the contract's record
 */
public record Delivery<T extends JourneyEvent>(IncomingEvent event, T data) {
}
