package io.journeyline.feedback.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A complaint, suggestion, praise or question, as received. */
@Entity
@Table(name = "feedback_items")
public class FeedbackItem {
    @Id
    public String id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** complaint, suggestion, praise or question. */
    @Column(nullable = false)
    public String kind;

    /** MISUNDERSTANDING, PRODUCT_DEFECT, RESPONSE_DELAY, SERVICE_ATTITUDE, BILLING_FEES, DELIVERY, PRIVACY, OTHER, … */
    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String channel;

    public String topic;

    public String text;

    /** LOW, NORMAL, HIGH or CRITICAL; null when the sender did not say. */
    public String severity;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
