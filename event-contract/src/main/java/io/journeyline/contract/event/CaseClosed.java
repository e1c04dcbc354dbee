package io.journeyline.contract.event;

/** {@code io.journeyline.case.closed}, with the follow-up outcome. */
public record CaseClosed(
        String customerId,
        String caseId,
        String status,
        String outcome) implements JourneyEvent {
}
