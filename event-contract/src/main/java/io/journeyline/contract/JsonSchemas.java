package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.Comparator;
import java.util.List;

/**
 * The one way Journeyline loads a JSON Schema (draft 2020-12, formats asserted, English messages) and turns its
 * findings into {@link Violation}s named by dotted field path ({@code data.channel}, {@code rules[2].on.types}).
 * Schemas under {@code https://journeyline.io/schemas/} resolve to the classpath's {@code schemas/}.
 */
public final class JsonSchemas {
    private static final String BASE = "https://journeyline.io/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .locale(java.util.Locale.ENGLISH)
            .build();

    private JsonSchemas() {
    }

    /**
     * Loads and prepares a schema; fails fast when it is missing or broken.
     *
     * @param location {@code https://journeyline.io/schemas/<name>.json} or {@code classpath:<path>}
     */
    public static JsonSchema load(String location) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(location), CONFIG);
        schema.initializeValidators();
        return schema;
    }

    /** Every violation of {@code schema} in {@code node}, fields prefixed with {@code prefix}, in field order. */
    public static List<Violation> validate(JsonSchema schema, JsonNode node, String prefix) {
        return schema.validate(node).stream().map(message -> toViolation(message, prefix))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
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
}
