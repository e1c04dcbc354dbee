package io.journeyline.contract.event;

import java.util.Map;

/** {@code io.journeyline.touchpoint.recorded}: a customer met the company at a touchpoint. */
public record TouchpointRecorded(
        String customerId,
        String channel,
        String touchpoint,
        String action,
        String outcome,
        String topic,
        Long durationMs,
        Long waitMs,
        String stage,
        Map<String, String> identities,
        Map<String, Object> attributes) implements JourneyEvent {
}
