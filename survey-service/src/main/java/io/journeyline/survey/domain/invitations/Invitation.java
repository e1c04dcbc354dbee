package io.journeyline.survey.domain.invitations;

import java.time.OffsetDateTime;

/**
 * An invitation as stored: who, to which survey (and version), by which channel and language, why, and what became of
 * it — SENT, SUPPRESSED (with the guard and why), COMPLETED or EXPIRED. {@code answers} are the partial answers saved
 * so far (JSON), {@code responseId} the completed response, {@code segment} the customer's segment if the wave said.
 */
public record Invitation(String id, String customerId, String surveyId, Integer surveyVersion, String surveyKind,
                         String channel, String language, String reason, String sourceKey, String caseId,
                         String touchpoint, String topic, String status, String suppressedBy, String suppressionReason,
                         String answers, String responseId, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                         OffsetDateTime completedAt, String segment) {

    public static final String SENT = "SENT";
    public static final String SUPPRESSED = "SUPPRESSED";
    public static final String COMPLETED = "COMPLETED";

    /** Why it was asked for: journey-service's survey request, a case's follow-up, completed education, a wave. */
    public static final String INTERVENTION = "intervention";
    public static final String CASE_FOLLOW_UP = "case-follow-up";
    public static final String COURSE_FEEDBACK = "course-feedback";
    public static final String WAVE = "wave";
}
