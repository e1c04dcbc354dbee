package io.journeyline.contract.event;

import java.util.List;

/** {@code io.journeyline.journey.pain-point-detected}. */
public record PainPointDetected(
        String customerId,
        String painPointId,
        String ruleId,
        int ruleVersion,
        String severity,
        List<String> evidence,
        String touchpoint,
        String topic) implements JourneyEvent {
}
