package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.util.List;

/**
 * {@code io.journeyline.intervention.case-requested}; {@code touchpoint} is where the pain point's latest signal came from
 * (optional: the case's touchpoint in feedback-service's analytics).
 */
public record CaseRequested(
        String customerId,
        String interventionId,
        String painPointId,
        Severity severity,
        String reason,
        List<String> evidence,
        String topic,
        Priority priority,
        String touchpoint) implements JourneyEvent {
}
