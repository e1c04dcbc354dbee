package io.journeyline.journey;

import io.journeyline.platform.retention.Retention;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.hibernate.reactive.panache.Panache;
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

/**
 * A customer's history is kept 25 months by event time and then purged, the rest of it staying; a pain point 25 months
 * after its detection, with its evidence and the decisions taken on it.
 */
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

    @Test
    void painPointsArePurgedTwentyFiveMonthsAfterDetectionWithTheirEvidenceAndDecisions() throws Throwable {
        // detected 26 months ago: the clock stands then while the customer's errors arrive and the rule fires
        clock.advance(Duration.ofDays(-790));
        Customer old;
        try {
            old = threeErrors();
        } finally {
            clock.advance(Duration.ofDays(790));
        }
        Customer recent = threeErrors();
        String oldPainPoint = old.painPoints(true).getString("items[0].id");
        assertThat(rows("pain_point_evidence", oldPainPoint)).isEqualTo(3);
        assertThat(rows("interventions", oldPainPoint)).as("the decision on it, sent or suppressed").isEqualTo(1);

        VertxContextSupport.subscribeAndAwait(retention::deleteExpired);

        assertThat(old.painPoints(true).getList("items")).isEmpty();
        assertThat(rows("pain_point_evidence", oldPainPoint)).isZero();
        assertThat(rows("interventions", oldPainPoint)).isZero();
        assertThat(recent.painPoints(true).getList("items.ruleId")).containsExactly("PP-REPEATED-ERRORS");
        Management.given().get("/q/metrics").then()
                .body(containsString("journeyline_retention_deleted_total{table=\"pain_points\"}"));
    }

    /** A customer with three errors on one touchpoint within the hour just gone: PP-REPEATED-ERRORS, detected now. */
    private Customer threeErrors() {
        Customer customer = new Customer(OffsetDateTime.now(clock).minusMinutes(30));
        for (int minutes : new int[]{0, 5, 10}) {
            customer.touchpoint(minutes, "app", "setup.wifi", "error", Map.of());
        }
        customer.awaitPainPoint("PP-REPEATED-ERRORS");
        return customer;
    }

    private static long rows(String table, String painPointId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from " + table + " where pain_point_id = ?1", Long.class)
                .setParameter(1, painPointId).getSingleResult())));
    }
}
