package io.journeyline.contract.event;

/** {@code io.journeyline.case.reopened}: the follow-up said the problem is not solved. */
public record CaseReopened(
        String customerId,
        String caseId,
        String status,
        String reason) implements JourneyEvent {
}
