package io.journeyline.survey.domain;

import io.journeyline.contract.vocabulary.SurveyKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A completed response: its headline score, and where, how and why it was given. */
@Entity
@Table(name = "survey_responses")
public class SurveyResponse {
    @Id
    public String id;

    @Column(name = "survey_id", nullable = false)
    public String surveyId;

    @Enumerated(EnumType.STRING)
    @Column(name = "survey_kind", nullable = false)
    public SurveyKind surveyKind;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Column(nullable = false)
    public BigDecimal score;

    public String touchpoint;

    @Column(name = "case_id")
    public String caseId;

    public String comment;

    @Column(name = "responded_at", nullable = false)
    public OffsetDateTime respondedAt;

    /** The survey version answered (through an invitation, or a defined survey); null for an unknown survey. */
    @Column(name = "survey_version")
    public Integer surveyVersion;

    @Column(name = "invitation_id")
    public String invitationId;

    public String channel;

    public String language;

    /** Every answer, item id → answer (JSON), for responses answered through an invitation. */
    public String answers;

    /** The comment's sentiment in [-1, 1] (the shared sentiment module); null without a comment. */
    public Double sentiment;

    public String topic;

    /** The customer segment the sender or the wave named, for the results' breakdown. */
    public String segment;
}
