package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.case.reopened}: the follow-up said the problem is not solved. */
public record CaseReopened(
        String customerId,
        String caseId,
        CaseStatus status,
        String reason) implements JourneyEvent {
}
