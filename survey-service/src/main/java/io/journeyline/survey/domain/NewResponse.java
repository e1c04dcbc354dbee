package io.journeyline.survey.domain;

import io.journeyline.contract.vocabulary.SurveyKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An answer collected elsewhere, to record; the REST layer maps requests to it. */
public record NewResponse(String customerId, SurveyKind surveyKind, BigDecimal score, String touchpoint, String caseId,
                          String comment, OffsetDateTime respondedAt, String segment) {
}
