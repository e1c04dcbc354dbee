package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.case.closed}, with the follow-up outcome. */
public record CaseClosed(
        String customerId,
        String caseId,
        CaseStatus status,
        CaseOutcome outcome) implements JourneyEvent {
}
