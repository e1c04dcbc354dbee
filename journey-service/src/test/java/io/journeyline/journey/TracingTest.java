package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.platform.tracing.Tracing;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static io.journeyline.journey.JourneyApi.INGEST;
import static io.journeyline.journey.JourneyApi.awaitInTimeline;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One trace follows an event from HTTP ingest through the outbox, Kafka and the consumer. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TracingTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-22T10:00:00Z");

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theCallersTraceRunsFromIngestThroughKafkaToTheConsumer() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ObjectNode event = TestEvents.touchpoint(JourneyApi.newCustomer(), "web", "home", "visit", T0);
        String id = event.get("id").asText();

        given().header("Authorization", INGEST).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType("application/cloudevents+json").body(event.toString())
                .post("/api/v1/events").then().statusCode(202);
        awaitInTimeline(event.get("data").get("customerId").asText(), id);

        await().atMost(Duration.ofSeconds(10)).until(() -> spansOf(id).stream().anyMatch(s -> s.getName().startsWith("consume")));
        assertThat(spansOf(id)).extracting(SpanData::getName)
                .contains("send journey.touchpoints", "consume io.journeyline.touchpoint.recorded");
        assertThat(spansOf(id)).extracting(SpanData::getTraceId).containsOnly(traceId);
        assertThat(spans.getFinishedSpanItems()).filteredOn(s -> s.getName().equals("ingest"))
                .extracting(SpanData::getTraceId).contains(traceId);
    }

    @Test
    void anEventThatCarriesItsOwnTraceKeepsIt() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        ObjectNode event = TestEvents.touchpoint(JourneyApi.newCustomer(), "app", "home", "visit", T0);
        event.put("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
        String id = event.get("id").asText();

        given().header("Authorization", INGEST).contentType("application/cloudevents+json").body(event.toString())
                .post("/api/v1/events").then().statusCode(202);
        awaitInTimeline(event.get("data").get("customerId").asText(), id);

        await().atMost(Duration.ofSeconds(10)).until(() -> spansOf(id).stream().anyMatch(s -> s.getName().startsWith("consume")));
        assertThat(spansOf(id)).extracting(SpanData::getTraceId).containsOnly(traceId);
    }

    private List<SpanData> spansOf(String eventId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> eventId.equals(span.getAttributes().get(Tracing.EVENT_ID)))
                .toList();
    }
}
