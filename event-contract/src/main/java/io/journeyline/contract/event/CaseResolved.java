package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.case.resolved}: always names the root cause. */
public record CaseResolved(
        String customerId,
        String caseId,
        CaseStatus status,
        String rootCause) implements JourneyEvent {
}
