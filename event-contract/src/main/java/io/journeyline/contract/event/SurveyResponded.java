package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.util.Map;

/** {@code io.journeyline.survey.responded}: a customer answered a survey; {@code scores.primary} is its headline item. */
public record SurveyResponded(
        String customerId,
        String surveyId,
        SurveyKind surveyKind,
        String responseId,
        Map<String, Double> scores,
        String touchpoint,
        String caseId,
        String comment,
        Double sentiment,
        Map<String, Double> themeScores) implements JourneyEvent {
}
