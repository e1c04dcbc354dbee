package io.journeyline.journey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One event in a customer's timeline. */
@Entity
@Table(name = "timeline_entries")
public class TimelineEntry {
    /** Orders entries of the same instant; the column's default takes it from {@code timeline_entries_seq}. */
    @Id
    public Long seq;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "event_source", nullable = false)
    public String eventSource;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    public String channel;

    public String touchpoint;

    /** One line an agent can read: what happened, where, how it ended. */
    @Column(nullable = false)
    public String summary;

    /** The event's data as JSON text, unknown fields included. */
    @Column(nullable = false)
    public String data;

    /** Extension attributes as a JSON object, or null. */
    public String extensions;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
