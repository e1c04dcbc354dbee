package io.journeyline.contract.event;

/** {@code io.journeyline.case.opened}. */
public record CaseOpened(
        String customerId,
        String caseId,
        String status,
        String priority,
        String feedbackId,
        String topic) implements JourneyEvent {
}
