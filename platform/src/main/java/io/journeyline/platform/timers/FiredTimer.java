package io.journeyline.platform.timers;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.journeyline.contract.EventJson;

import java.time.Instant;

/**
 * A timer as its handler receives it when it fires.
 *
 * @param kind        which handler it is for, e.g. {@code case-sla}
 * @param key         which thing it is about, unique within the kind, e.g. {@code case-42:RESOLVE}
 * @param dueAt       when it was due (it fires at or after this instant, later after downtime)
 * @param payload     what the scheduler stored with it (often JSON), or null
 * @param attempt     1 on the first firing; more after the handler failed before
 * @param traceparent trace context of the work that scheduled it, or null
 */
public record FiredTimer(String kind, String key, Instant dueAt, String payload, int attempt, String traceparent) {

    /** The payload read as JSON into {@code type} (scheduled with {@link Timers#json(Object)}). */
    public <T> T payloadAs(Class<T> type) {
        try {
            return EventJson.mapper().readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the payload of timer " + kind + "/" + key + " is not a " + type.getSimpleName(), e);
        }
    }
}
