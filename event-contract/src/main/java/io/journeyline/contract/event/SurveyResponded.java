package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.util.Map;

/**
 * {@code io.journeyline.survey.responded}: a customer answered a survey. {@code scores.primary} is its headline item,
 * the other keys its rating items by id; {@code themeScores} and {@code dimensionScores} are the means of the answered
 * 1–5 items tagged with each experience theme / service-quality dimension; {@code sentiment} is the comment's, in
 * [-1, 1]. {@code invitationId} and {@code surveyVersion} when answered through an invitation.
 */
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
        Map<String, Double> themeScores,
        Map<String, Double> dimensionScores,
        String topic,
        String invitationId,
        Integer surveyVersion) implements JourneyEvent {
}
