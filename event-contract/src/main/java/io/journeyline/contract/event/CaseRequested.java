package io.journeyline.contract.event;

import java.util.List;

/** {@code io.journeyline.intervention.case-requested}. */
public record CaseRequested(
        String customerId,
        String interventionId,
        String painPointId,
        String severity,
        String reason,
        List<String> evidence) implements JourneyEvent {
}
