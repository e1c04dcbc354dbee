package io.journeyline.contract.event;

/**
 * {@code io.journeyline.survey.suppressed}: survey-service did not invite the customer, and why — the fatigue guard
 * that said no ({@code guard}: consent, open case, recontact, …) and its words ({@code detail}). {@code reason} is what
 * asked for the survey (as on {@link SurveyInvited}); {@code interventionId} the intervention journey-service asked
 * with, so it can tell the customer what became of it.
 */
public record SurveySuppressed(
        String customerId,
        String invitationId,
        String surveyId,
        String reason,
        String guard,
        String detail,
        String caseId,
        String interventionId) implements JourneyEvent {
}
