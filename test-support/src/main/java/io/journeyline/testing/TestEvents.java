package io.journeyline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** CloudEvents in structured mode, built the way another company system would send them. */
public final class TestEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestEvents() {
    }

    /** An {@code io.journeyline.touchpoint.recorded} event with a fresh id. */
    public static ObjectNode touchpoint(String customerId, String channel, String touchpoint, String action, OffsetDateTime time) {
        ObjectNode data = MAPPER.createObjectNode()
                .put("customerId", customerId)
                .put("channel", channel)
                .put("touchpoint", touchpoint)
                .put("action", action);
        return envelope("io.journeyline.touchpoint.recorded", "/shop/web", customerId, time, data);
    }

    /** A structured-mode envelope around {@code data}. */
    public static ObjectNode envelope(String type, String source, String customerId, OffsetDateTime time, ObjectNode data) {
        ObjectNode event = MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", source)
                .put("type", type)
                .put("time", time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("subject", customerId)
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event;
    }
}
