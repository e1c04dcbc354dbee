package io.journeyline.platform.outbox;

import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.timers.FiredTimer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What made a service publish an event: a consumed event or a fired timer. An event published with a cause gets
 * an id derived from it (a name-based UUID of the cause's identity, the event type and any discriminator), so
 * processing the cause again — a redelivery, a timer firing twice after a crash — publishes the same id, which
 * consumers deduplicate. The cause's trace context carries on into the new event.
 *
 * @param identity    stable text that names the cause
 * @param traceparent the cause's W3C trace context, or null
 */
public record Cause(String identity, String traceparent) {

    /** A consumed event: identified by its (source, id). */
    public static Cause of(IncomingEvent event) {
        return new Cause("event|" + event.source() + "|" + event.id(), event.traceparent());
    }

    /** A fired timer: identified by its kind, key and the due time it fired for. */
    public static Cause of(FiredTimer timer) {
        return new Cause("timer|" + timer.kind() + "|" + timer.key() + "|" + timer.dueAt(), timer.traceparent());
    }

    /**
     * The same cause, narrowed: when one cause publishes several events of one type (one intervention per rule),
     * each needs its own discriminator, e.g. {@code cause.and("rule=PP-DETRACTOR")}.
     */
    public Cause and(String discriminator) {
        return new Cause(identity + "|" + discriminator, traceparent);
    }

    /** The id of the event of {@code type} this cause publishes: the same on every call. */
    public String eventId(EventType type) {
        return UUID.nameUUIDFromBytes((identity + "|" + type.type()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
