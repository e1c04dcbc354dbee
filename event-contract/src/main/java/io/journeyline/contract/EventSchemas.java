package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates CloudEvents (structured-mode JSON) against the contract: the text and nesting limits of
 * {@link EventLimits}, the envelope ({@code schemas/cloudevent.json}), then {@code data} against the schema of
 * its {@code type}.
 * Thread-safe; load once.
 */
public final class EventSchemas {
    private static final String BASE = "https://journeyline.io/schemas/";

    private final JsonSchema envelope;
    private final Map<EventType, JsonSchema> dataSchemas = new EnumMap<>(EventType.class);

    private EventSchemas() {
        envelope = JsonSchemas.load(BASE + "cloudevent.json");
        for (EventType type : EventType.values()) {
            dataSchemas.put(type, JsonSchemas.load(BASE + type.type() + ".json"));
        }
    }

    /** Loads every schema of the contract from the classpath; fails fast if one is missing or broken. */
    public static EventSchemas load() {
        return new EventSchemas();
    }

    /**
     * Every violation of the contract in one CloudEvent, in field order; empty when it is valid.
     * An unknown {@code type} is a violation of field {@code type}.
     */
    public List<Violation> validate(JsonNode cloudEvent) {
        List<Violation> limits = EventLimits.check(cloudEvent);
        if (limits.stream().anyMatch(v -> v.message().equals(EventLimits.TOO_DEEP))) {
            return sorted(new ArrayList<>(limits));
        }
        List<Violation> violations = new ArrayList<>(limits);
        violations.addAll(JsonSchemas.validate(envelope, cloudEvent, ""));
        JsonNode typeNode = cloudEvent.path("type");
        if (!typeNode.isTextual()) {
            return sorted(violations);
        }
        EventType type = EventType.fromType(typeNode.asText()).orElse(null);
        if (type == null) {
            violations.add(new Violation("type", "unknown event type '" + typeNode.asText() + "'"));
            return sorted(violations);
        }
        JsonNode data = cloudEvent.path("data");
        if (data.isObject()) {
            violations.addAll(JsonSchemas.validate(dataSchemas.get(type), data, "data"));
            JsonNode subject = cloudEvent.path("subject");
            JsonNode customerId = data.path("customerId");
            if (subject.isTextual() && customerId.isTextual() && !subject.asText().equals(customerId.asText())) {
                violations.add(new Violation("subject", "must equal data.customerId ('" + customerId.asText() + "')"));
            }
        }
        return sorted(violations);
    }

    /**
     * Every violation of the contract in the {@code data} of an event of {@code type} a service is about to publish
     * (fields named {@code data.…}); empty when consumers will accept it.
     */
    public List<Violation> validateData(EventType type, JsonNode data) {
        ObjectNode inEnvelope = JsonNodeFactory.instance.objectNode();
        inEnvelope.set("data", data);
        List<Violation> violations = new ArrayList<>(EventLimits.check(inEnvelope));
        if (violations.stream().noneMatch(v -> v.message().equals(EventLimits.TOO_DEEP))) {
            violations.addAll(JsonSchemas.validate(dataSchemas.get(type), data, "data"));
        }
        return sorted(violations);
    }

    /** In field order, at most {@link EventLimits#MAX_REPORTED} by name (then one counting the rest). */
    private static List<Violation> sorted(List<Violation> violations) {
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return List.copyOf(EventLimits.bounded(violations));
    }
}
