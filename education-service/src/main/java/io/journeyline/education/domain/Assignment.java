package io.journeyline.education.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Education assigned to one customer: one content item or one learning path. */
@Entity
@Table(name = "assignments")
public class Assignment {
    @Id
    public String id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(name = "content_id")
    public String contentId;

    @Column(name = "path_id")
    public String pathId;

    /** Why it was assigned: a pain-point rule id or an agent's note. */
    @Column(nullable = false)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssignmentStatus status;

    /** Quiz or completion score reported with COMPLETED, if any. */
    public BigDecimal score;

    @Column(name = "assigned_at", nullable = false)
    public OffsetDateTime assignedAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    /** The education request it answers (journey-service's intervention), its pain point, rule and topic. */
    @Column(name = "intervention_id")
    public String interventionId;

    @Column(name = "pain_point_id")
    public String painPointId;

    @Column(name = "rule_id")
    public String ruleId;

    public String topic;

    /** The chosen content's level. */
    public String level;

    /** Why this content was chosen, or why none was (held out, suppressed). */
    public String why;

    public String channel;

    public String language;

    /** How far through the content the learning platform last reported, in per cent. */
    @Column(name = "progress_percent")
    public Integer progressPercent;

    /** The version of the learning path the customer was put on (its units are kept with the assignment). */
    @Column(name = "path_version")
    public Integer pathVersion;

    /** The customer's journey stage when it was assigned, if known. */
    public String stage;

    /** The last progress report (or the assignment): the drop-out clock runs from here. */
    @Column(name = "last_progress_at")
    public OffsetDateTime lastProgressAt;
}
