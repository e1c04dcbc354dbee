package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.case.opened}. */
public record CaseOpened(
        String customerId,
        String caseId,
        CaseStatus status,
        Priority priority,
        String feedbackId,
        String topic) implements JourneyEvent {
}
