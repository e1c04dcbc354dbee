package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.ProcessedEvents;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedupe store against the real database, with batches large enough that one SQL statement cannot
 * carry them (PostgreSQL allows 65,535 parameters, 16,383 rows of four values here).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ProcessedEventsTest {
    @Inject
    ProcessedEvents processedEvents;

    @Test
    void aBatchBeyondOneStatementIsMarkedWholeAndOnlyItsNewEventsAreFirstSeenTheSecondTime() throws Throwable {
        List<IncomingEvent> first = events(40_000);
        assertThat(firstSeen(first)).containsExactlyElementsOf(first);

        List<IncomingEvent> fresh = events(20_000);
        List<IncomingEvent> mixed = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            mixed.add(first.get(i * 2));
            mixed.add(fresh.get(i));
        }
        assertThat(firstSeen(mixed)).containsExactlyElementsOf(fresh);
        assertThat(firstSeen(mixed)).isEmpty();
    }

    private List<IncomingEvent> firstSeen(List<IncomingEvent> events) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> processedEvents.firstSeen(events)));
    }

    private static List<IncomingEvent> events(int count) {
        String customer = JourneyApi.newCustomer();
        OffsetDateTime time = OffsetDateTime.parse("2026-11-22T10:00:00Z");
        return IntStream.range(0, count)
                .mapToObj(i -> new IncomingEvent(UUID.randomUUID().toString(), "/bulk-import",
                        EventType.TOUCHPOINT_RECORDED, time.plusSeconds(i), customer,
                        JsonNodeFactory.instance.objectNode().put("customerId", customer), Map.of()))
                .toList();
    }
}
