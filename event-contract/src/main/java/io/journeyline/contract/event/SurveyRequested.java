package io.journeyline.contract.event;

/** {@code io.journeyline.intervention.survey-requested}. */
public record SurveyRequested(
        String customerId,
        String interventionId,
        String surveyKind,
        String reason,
        String touchpoint,
        String caseId) implements JourneyEvent {
}
