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

    /** Where the problem happened (a touchpoint name), when the sender said. */
    public String touchpoint;

    /** The text's sentiment in [-1, 1]: the sender's, or this service's score of the text; null without either. */
    public Double sentiment;

    /** {@code sender} or {@code computed}; null without a sentiment. */
    @Column(name = "sentiment_source")
    public String sentimentSource;

    /** The language the text was scored as ({@code en}, {@code zh}) when this service scored it. */
    @Column(name = "sentiment_language")
    public String sentimentLanguage;

    /** When the feedback was received: the sender's {@code receivedAt}, or when it reached this service. */
    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
}
