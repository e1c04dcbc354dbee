package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.intervention.survey-requested}. */
public record SurveyRequested(
        String customerId,
        String interventionId,
        SurveyKind surveyKind,
        String reason,
        String touchpoint,
        String caseId,
        String topic) implements JourneyEvent {
}
