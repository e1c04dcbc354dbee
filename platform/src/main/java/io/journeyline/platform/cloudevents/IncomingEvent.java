package io.journeyline.platform.cloudevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.JourneyEvent;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A CloudEvent that passed the contract's schemas, as every consumer and ingest sees it.
 *
 * @param id         CloudEvents {@code id}; with {@code source} the event's identity
 * @param source     CloudEvents {@code source}
 * @param type       the contract type
 * @param time       when it happened (event time, not receipt time)
 * @param customerId {@code data.customerId}; null for an aggregate event (a content gap), which has none
 * @param data       the event's data, unknown fields included
 * @param extensions extension attributes (for example {@code traceparent}), kept as sent
 */
public record IncomingEvent(String id, String source, EventType type, OffsetDateTime time, String customerId,
                            ObjectNode data, Map<String, String> extensions) {

    /** The CloudEvents distributed-tracing extension attribute: a W3C {@code traceparent}. */
    public static final String TRACEPARENT = "traceparent";

    private static final Set<String> CORE_ATTRIBUTES = Set.of(
            "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataschema", "data");

    /**
     * Reads a structured-mode CloudEvent that {@link io.journeyline.contract.EventSchemas} found valid.
     *
     * @throws MalformedEventException for the rare value a schema accepts but Java cannot represent
     *                                 (an RFC 3339 leap second, {@code 23:59:60})
     */
    public static IncomingEvent fromValidEnvelope(JsonNode envelope) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(envelope.get("time").asText());
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("schema-violation", "time: '" + envelope.get("time").asText()
                    + "' cannot be read as a date-time");
        }
        Map<String, String> extensions = new TreeMap<>();
        envelope.fields().forEachRemaining(field -> {
            if (!CORE_ATTRIBUTES.contains(field.getKey())) {
                extensions.put(field.getKey(), field.getValue().asText());
            }
        });
        ObjectNode data = (ObjectNode) envelope.get("data");
        return new IncomingEvent(
                envelope.get("id").asText(),
                envelope.get("source").asText(),
                EventType.fromType(envelope.get("type").asText()).orElseThrow(),
                time,
                data.hasNonNull("customerId") ? data.get("customerId").asText() : null,
                data,
                Map.copyOf(extensions));
    }

    /** The extension attributes as a JSON object, or null when there are none (how they are stored). */
    public String extensionsJson() {
        return extensions.isEmpty() ? null : EventJson.mapper().valueToTree(extensions).toString();
    }

    /**
     * The data as the contract's record of this type, e.g. {@code event.as(TouchpointRecorded.class)}.
     *
     * @throws IllegalArgumentException when {@code recordClass} is not this event's type's record
     */
    public <T extends JourneyEvent> T as(Class<T> recordClass) {
        if (!type.recordClass().equals(recordClass)) {
            throw new IllegalArgumentException("a " + type.type() + " event carries " + type.recordClass().getSimpleName()
                    + ", not " + recordClass.getSimpleName());
        }
        try {
            return EventJson.mapper().treeToValue(data, recordClass);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("valid " + type.type() + " data does not map to its record: " + e.getOriginalMessage(), e);
        }
    }

    /** The W3C trace context the event carries ({@code traceparent} extension), or null. */
    public String traceparent() {
        return extensions.get(TRACEPARENT);
    }

    /** This event with one more extension attribute (e.g. the trace context ingest adds when a producer sent none). */
    public IncomingEvent withExtension(String name, String value) {
        Map<String, String> more = new TreeMap<>(extensions);
        more.put(name, value);
        return new IncomingEvent(id, source, type, time, customerId, data, Map.copyOf(more));
    }

    /** A text value of {@code data}, or null when absent. */
    public String dataText(String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
