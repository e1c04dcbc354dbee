package io.journeyline.journey.domain;

import io.journeyline.contract.EventType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * What the journey view counts as a contact, and the hour it is counted in: a touchpoint whose action is
 * {@code contact}, under its topic ({@link #NO_TOPIC} without one), in the UTC hour of the event's time. The counts
 * kept per hour and the first, partial hour read from the timeline both follow this one definition.
 */
public final class Contacts {
    /** The topic a contact without one is counted under. */
    public static final String NO_TOPIC = "(no topic)";
    /** The event type a contact is. */
    public static final String TYPE = EventType.TOUCHPOINT_RECORDED.type();
    /** The touchpoint action that makes it a contact. */
    public static final String ACTION = "contact";

    private Contacts() {
    }

    /** Whether an event of this type and touchpoint action is a contact. */
    public static boolean isContact(String type, String action) {
        return TYPE.equals(type) && ACTION.equals(action);
    }

    /** The topic a contact is counted under. */
    public static String topic(String topic) {
        return topic == null ? NO_TOPIC : topic;
    }

    /** The UTC hour an event at {@code time} is counted in (its start). */
    public static OffsetDateTime hourOf(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
    }

    /** The first whole hour of a window starting at {@code since}: the hour after the one {@code since} falls in. */
    public static OffsetDateTime firstWholeHour(OffsetDateTime since) {
        Instant start = since.toInstant().truncatedTo(ChronoUnit.HOURS);
        return start.plus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
    }
}
