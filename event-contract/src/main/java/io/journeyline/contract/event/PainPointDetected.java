package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.util.List;

/** {@code io.journeyline.journey.pain-point-detected}. */
public record PainPointDetected(
        String customerId,
        String painPointId,
        String ruleId,
        int ruleVersion,
        Severity severity,
        List<String> evidence,
        String touchpoint,
        String topic) implements JourneyEvent {
}
