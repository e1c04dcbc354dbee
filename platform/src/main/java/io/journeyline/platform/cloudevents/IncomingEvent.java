package io.journeyline.platform.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;

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
 * @param customerId {@code data.customerId}
 * @param data       the event's data, unknown fields included
 * @param extensions extension attributes (for example {@code traceparent}), kept as sent
 */
public record IncomingEvent(String id, String source, EventType type, OffsetDateTime time, String customerId,
                            ObjectNode data, Map<String, String> extensions) {

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
                data.get("customerId").asText(),
                data,
                Map.copyOf(extensions));
    }

    /** The extension attributes as a JSON object, or null when there are none (how they are stored). */
    public String extensionsJson() {
        return extensions.isEmpty() ? null : EventJson.mapper().valueToTree(extensions).toString();
    }

    /** A text value of {@code data}, or null when absent. */
    public String dataText(String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
