package io.journeyline.contract.event;

/** {@code io.journeyline.case.acknowledged}. */
public record CaseAcknowledged(
        String customerId,
        String caseId,
        String status) implements JourneyEvent {
}
