package io.journeyline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** journey-service's side of an erasure, for the other services' tests: asking on journey.insights, reading answers. */
public final class TestErasures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestErasures() {
    }

    /**
     * Asks for the erasure of {@code customerIds} (the first the asked-for one) at {@code time}, as journey-service
     * does; returns the erasure's id.
     */
    public static String request(OffsetDateTime time, String... customerIds) {
        String erasureId = UUID.randomUUID().toString();
        ObjectNode data = MAPPER.createObjectNode().put("customerId", customerIds[0]).put("erasureId", erasureId)
                .put("reason", "ticket DPO-7");
        data.putArray("customerIds").addAll(List.of(customerIds).stream().map(id -> MAPPER.getNodeFactory().textNode(id)).toList());
        ObjectNode event = TestEvents.envelope("io.journeyline.privacy.erasure-requested", "/journeyline/journey-service",
                customerIds[0], time, data);
        TestKafka.produce(Topics.INSIGHTS, customerIds[0], event.toString(), Map.of("content-type", "application/cloudevents+json"));
        return erasureId;
    }

    /** The receipt for {@code erasureId} on {@code topic} (its data), once the service answered. */
    public static JsonNode awaitReceipt(String topic, String erasureId) {
        ConsumerRecord<String, byte[]> receipt = TestKafka.read(topic, r -> "io.journeyline.privacy.erasure-completed"
                        .equals(TestKafka.header(r, "ce_type")) && text(r).contains(erasureId), 1, Duration.ofSeconds(20))
                .stream().findFirst().orElseThrow(() -> new AssertionError("no receipt for " + erasureId + " on " + topic));
        return json(text(receipt));
    }

    /** The {@code delivery.cancelled} for {@code customerId} on journey.outbound (its data). */
    public static JsonNode awaitCancellation(String customerId) {
        ConsumerRecord<String, byte[]> cancelled = TestKafka.read(Topics.OUTBOUND, r -> customerId.equals(r.key())
                        && "io.journeyline.delivery.cancelled".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(20))
                .stream().findFirst().orElseThrow(() -> new AssertionError("no delivery.cancelled for " + customerId));
        return json(text(cancelled));
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
