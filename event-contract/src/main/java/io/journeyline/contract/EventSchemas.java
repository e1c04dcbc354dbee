package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .build();
        envelope = factory.getSchema(SchemaLocation.of(BASE + "cloudevent.json"), config);
        envelope.initializeValidators();
        for (EventType type : EventType.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE + type.type() + ".json"), config);
            schema.initializeValidators();
            dataSchemas.put(type, schema);
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
        violations.addAll(toViolations(envelope.validate(cloudEvent), ""));
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
            violations.addAll(toViolations(dataSchemas.get(type).validate(data), "data"));
            JsonNode subject = cloudEvent.path("subject");
            JsonNode customerId = data.path("customerId");
            if (subject.isTextual() && customerId.isTextual() && !subject.asText().equals(customerId.asText())) {
                violations.add(new Violation("subject", "must equal data.customerId ('" + customerId.asText() + "')"));
            }
        }
        return sorted(violations);
    }

    private static List<Violation> toViolations(Set<ValidationMessage> messages, String prefix) {
        return messages.stream().map(message -> toViolation(message, prefix)).collect(Collectors.toList());
    }

    private static Violation toViolation(ValidationMessage message, String prefix) {
        // "$.data.channel" -> "data.channel"; a missing property is reported on its parent, so name the property itself.
        String location = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            location = location.isEmpty() ? message.getProperty() : location + "." + message.getProperty();
        }
        String field = prefix.isEmpty() ? location : location.isEmpty() ? prefix : prefix + "." + location;
        String error = message.getError() != null ? message.getError() : message.getMessage();
        return new Violation(field.isEmpty() ? "(event)" : field, error);
    }

    private static List<Violation> sorted(List<Violation> violations) {
        violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
        return List.copyOf(violations);
    }
}
