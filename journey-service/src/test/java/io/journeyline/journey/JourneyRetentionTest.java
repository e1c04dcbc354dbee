package io.journeyline.journey;

import io.journeyline.platform.retention.Retention;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** A customer's history is kept 25 months by event time and then purged, the rest of it staying. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class JourneyRetentionTest {
    @Inject
    Retention retention;
    @Inject
    TestClock clock;

    @Test
    void timelineEntriesOlderThanTwentyFiveMonthsArePurgedAndNewerOnesKept() throws Throwable {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Customer customer = new Customer(now.minusDays(770));
        String old = customer.touchpoint(0, "web", "home", "visit", Map.of()).get("id").asText();
        String kept = customer.touchpoint(20 * 24 * 60, "web", "home", "visit", Map.of()).get("id").asText();  // 750 days ago
        JourneyApi.awaitInTimeline(customer.id, kept);
        assertThat(JourneyApi.timelineIds(customer.id)).containsExactlyInAnyOrder(old, kept);

        VertxContextSupport.subscribeAndAwait(retention::deleteExpired);

        assertThat(JourneyApi.timelineIds(customer.id)).containsExactly(kept);
        Management.given().get("/q/metrics").then()
                .body(containsString("journeyline_retention_deleted_total{table=\"timeline_entries\"}"));

        clock.advance(Duration.ofDays(21));
        try {
            VertxContextSupport.subscribeAndAwait(retention::deleteExpired);
            assertThat(JourneyApi.timelineIds(customer.id)).isEmpty();
        } finally {
            clock.advance(Duration.ofDays(-21));
        }
    }
}
