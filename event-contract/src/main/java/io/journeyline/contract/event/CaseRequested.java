package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.util.List;

/** {@code io.journeyline.intervention.case-requested}. */
public record CaseRequested(
        String customerId,
        String interventionId,
        String painPointId,
        Severity severity,
        String reason,
        List<String> evidence,
        String topic,
        Priority priority) implements JourneyEvent {
}
