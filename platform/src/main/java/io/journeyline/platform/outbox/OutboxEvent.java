package io.journeyline.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An event waiting to be published, written in the same transaction as the change that caused it.
 * The relay publishes rows in {@code seq} order and deletes them once Kafka has acknowledged.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String topic;

    /** The Kafka record key and CloudEvents subject: the customer id (an aggregate event's key for those). */
    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    /** The event's data as JSON text. */
    @Column(nullable = false)
    public String data;

    /** Extension attributes as a JSON object, or null. */
    public String extensions;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
