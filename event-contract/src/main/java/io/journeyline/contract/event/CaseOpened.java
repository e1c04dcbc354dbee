package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.case.opened}; {@code painPointId} when journey-service's case request opened it. */
public record CaseOpened(
        String customerId,
        String caseId,
        CaseStatus status,
        Priority priority,
        String feedbackId,
        String topic,
        String painPointId) implements JourneyEvent {
}
