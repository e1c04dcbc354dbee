package io.journeyline.contract.event;

/** {@code io.journeyline.case.resolved}: always names the root cause. */
public record CaseResolved(
        String customerId,
        String caseId,
        String status,
        String rootCause) implements JourneyEvent {
}
