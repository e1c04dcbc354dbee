package io.journeyline.journey.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** What a pain point asked for: SENT on journey.interventions, or SUPPRESSED by a guard (named, with the reason). */
@Entity
@Table(name = "interventions")
public class Intervention {
    public enum Status { SENT, SUPPRESSED }

    @Id
    public String id;

    @Column(name = "pain_point_id", nullable = false)
    public String painPointId;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "rule_id", nullable = false)
    public String ruleId;

    /** EDUCATION, CASE or SURVEY. */
    @Column(nullable = false)
    public String type;

    public String topic;

    @Column(nullable = false)
    public String status;

    /** The guard's wire name (cooldown, cap, survey-spacing, consent, open-case) when suppressed. */
    @Column(name = "suppressed_by")
    public String suppressedBy;

    @Column(nullable = false)
    public String reason;

    /** Event time of the firing it answers: guards compare event times, so a replay decides the same way. */
    @Column(name = "decided_at", nullable = false)
    public OffsetDateTime decidedAt;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;
}
