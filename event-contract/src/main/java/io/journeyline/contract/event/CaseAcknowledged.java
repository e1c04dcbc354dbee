package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.case.acknowledged}. */
public record CaseAcknowledged(
        String customerId,
        String caseId,
        CaseStatus status) implements JourneyEvent {
}
