package io.journeyline.contract;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text and nesting rules of the contract that no schema keyword expresses; the cases a review reproduced. */
class EventLimitsTest {
    private static final EventSchemas SCHEMAS = EventSchemas.load();

    @Test
    void aNulAnywhereIsASchemaViolationNamingTheField() throws Exception {
        // Parsed from JSON text with the escape, as it arrives from kcat or curl.
        JsonNode event = read(touchpointJson("checkout\\u0000payment", "c-1"));

        assertThat(SCHEMAS.validate(event)).extracting(Violation::field).containsExactly("data.touchpoint");
        assertThat(SCHEMAS.validate(read(touchpointJson("home", "c\\u0000-1"))))
                .extracting(Violation::field).contains("data.customerId", "subject");
    }

    @Test
    void aLoneSurrogateIsRejectedButAPairedOneIsText() throws Exception {
        assertThat(SCHEMAS.validate(read(touchpointJson("caf\\ud800", "c-1"))))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("data.touchpoint");
                    assertThat(v.message()).contains("lone surrogate (U+D800)");
                });
        // U+1F600 (an emoji) written as its surrogate pair is valid Unicode.
        assertThat(SCHEMAS.validate(read(touchpointJson("smile \\ud83d\\ude00", "c-1")))).isEmpty();
        assertThat(EventLimits.textProblem("\udc00x")).isPresent();
        assertThat(EventLimits.textProblem("x\ud83d")).isPresent();
    }

    @Test
    void numbersThatWouldBeReadBackAlteredAreRejected() {
        // 1e400 parses as Infinity and is written back as the string "Infinity": data silently altered.
        String tooBig = touchpointJson("home", "c-1").replace("\"action\":\"visit\"",
                "\"action\":\"visit\",\"durationMs\":123456789012345678901234567890,\"attributes\":{\"ratio\":1e400,\"ok\":1.5,\"id\":9007199254740991}");

        assertThat(SCHEMAS.validate(read(tooBig))).extracting(Violation::field)
                .containsExactly("data.attributes.ratio", "data.durationMs");
    }

    @Test
    void aThousandBadStringsAreTwentyNamedAndOneCountingTheRest() {
        ObjectNode event = (ObjectNode) read(touchpointJson("home", "c-1"));
        var list = ((ObjectNode) event.get("data")).putObject("attributes").putArray("notes");
        for (int i = 0; i < 1000; i++) {
            list.add("bad\u0000" + i);
        }

        var violations = SCHEMAS.validate(event);
        assertThat(violations).hasSize(EventLimits.MAX_REPORTED + 1);
        assertThat(violations.get(violations.size() - 1)).isEqualTo(new Violation("(event)",
                "and 980 more fields break the contract"));
        assertThat(violations.subList(0, EventLimits.MAX_REPORTED)).extracting(Violation::field)
                .allMatch(field -> field.startsWith("data.attributes.notes["));
    }

    @Test
    void fieldNamesAreTextToo() throws Exception {
        ObjectNode event = (ObjectNode) read(touchpointJson("home", "c-1"));
        ((ObjectNode) event.get("data")).putObject("attributes").put("bad\u0000key", 1);

        assertThat(SCHEMAS.validate(event)).extracting(Violation::field).containsExactly("data.attributes.bad\u0000key");
    }

    @Test
    void nestingDeeperThanTheLimitIsOneViolationAtTheFirstTooDeepField() {
        ObjectNode event = (ObjectNode) read(touchpointJson("home", "c-1"));
        ObjectNode level = ((ObjectNode) event.get("data")).putObject("attributes");
        for (int i = 0; i < 5_000; i++) {
            level = level.putObject("a");
        }

        assertThat(SCHEMAS.validate(event)).singleElement().satisfies(v -> {
            assertThat(v.message()).isEqualTo(EventLimits.TOO_DEEP);
            // envelope (1) → data (2) → attributes (3) → a … : the first object at level 33.
            assertThat(v.field()).isEqualTo("data.attributes" + ".a".repeat(EventLimits.MAX_DEPTH - 2));
        });
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        ObjectNode event = (ObjectNode) read(touchpointJson("home", "c-1"));
        ObjectNode level = ((ObjectNode) event.get("data")).putObject("attributes");
        for (int i = 3; i < EventLimits.MAX_DEPTH; i++) {
            level = level.putObject("a");
        }
        assertThat(SCHEMAS.validate(event)).isEmpty();
    }

    @Test
    void theReaderStopsAtTheLimitInsteadOfBuildingTheTree() {
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);

        assertThatThrownBy(() -> EventJson.mapper().readTree(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamConstraintsException.class);
    }

    private static String touchpointJson(String touchpoint, String customerId) {
        return """
                {"specversion":"1.0","id":"e-1","source":"/shop","type":"io.journeyline.touchpoint.recorded",
                 "time":"2026-11-22T10:00:00Z","subject":"%2$s",
                 "data":{"customerId":"%2$s","channel":"web","touchpoint":"%1$s","action":"visit"}}"""
                .formatted(touchpoint, customerId);
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
