package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.SurveyKind;

import java.time.OffsetDateTime;

/**
 * {@code io.journeyline.survey.invited}: survey-service invited the customer to a survey (never carries the token).
 * {@code reason}: what asked for it — {@code intervention}, {@code case-follow-up}, {@code course-feedback} or
 * {@code wave}; {@code caseId} for a case's follow-up survey; {@code interventionId} for one journey-service asked for.
 */
public record SurveyInvited(
        String customerId,
        String invitationId,
        String surveyId,
        SurveyKind surveyKind,
        Channel channel,
        String reason,
        String caseId,
        OffsetDateTime expiresAt,
        String interventionId) implements JourneyEvent {
}
