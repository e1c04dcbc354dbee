package io.journeyline.journey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One episode of a pain-point rule for a customer (or, for an aggregate rule, for a key across customers). Written
 * set-based by the rule evaluation; read and worked (acknowledge, dismiss) through the API.
 */
@Entity
@Table(name = "pain_points")
public class PainPoint {
    /** Lifecycle: OPEN → ACKNOWLEDGED → RESOLVED, or DISMISSED by an agent; CANDIDATE for SHADOW rules. */
    public enum Status { CANDIDATE, OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED }

    @Id
    public String id;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "rule_id", nullable = false)
    public String ruleId;

    @Column(name = "rule_version", nullable = false)
    public int ruleVersion;

    @Column(name = "rule_set_version", nullable = false)
    public int ruleSetVersion;

    @Column(nullable = false)
    public boolean shadow;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String severity;

    @Column(name = "state_key", nullable = false)
    public String stateKey;

    public String topic;

    public String touchpoint;

    /** Event time of the evidence that completed the pattern. */
    @Column(name = "detected_at", nullable = false)
    public OffsetDateTime detectedAt;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "status_changed_at")
    public OffsetDateTime statusChangedAt;

    @Column(name = "status_changed_by")
    public String statusChangedBy;

    @Column(name = "status_note")
    public String statusNote;

    public String resolution;
}
