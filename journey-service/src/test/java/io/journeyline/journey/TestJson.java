package io.journeyline.journey;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;

/** Reads an API answer as JSON nodes. */
final class TestJson {
    private TestJson() {
    }

    static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
