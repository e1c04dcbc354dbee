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

/** One answer to a survey's headline question. */
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
}
