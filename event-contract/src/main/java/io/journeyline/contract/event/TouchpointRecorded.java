package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

import java.util.Map;

/** {@code io.journeyline.touchpoint.recorded}: a customer met the company at a touchpoint. */
public record TouchpointRecorded(
        String customerId,
        Channel channel,
        String touchpoint,
        String action,
        TouchpointOutcome outcome,
        String topic,
        Long durationMs,
        Long waitMs,
        Stage stage,
        Map<String, String> identities,
        Map<String, Object> attributes) implements JourneyEvent {
}
