package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.journeyline.journey.Customer.idOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill is not a campaign: with the stale guard at its default (P2D; the other tests widen it to play dated
 * scenarios), a company loading ten days of history gets the timeline, the pain point and its evidence, but the
 * intervention is stored as suppressed by {@code stale} and nothing goes out; the same customer's trouble today asks
 * for its lesson as usual.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(BackfillTest.DefaultStaleGuard.class)
class BackfillTest {
    @Inject
    TimerPoller poller;
    private static final int TEN_DAYS = 10 * 24 * 60;

    public static class DefaultStaleGuard implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("journeyline.interventions.stale-after", "P2D");
        }
    }

    @Test
    void tenDayOldTroubleIsRecordedButAsksForNothingWhileTodaysAsksAsUsual() {
        Customer customer = new Customer(OffsetDateTime.now().minusDays(10).truncatedTo(ChronoUnit.SECONDS));
        ObjectNode old = customer.touchpoint(5, "app", "setup.wifi", "error", Map.of());
        customer.touchpoint(25, "app", "setup.wifi", "error", Map.of());
        customer.touchpoint(50, "app", "setup.wifi", "error", Map.of());
        customer.touchpoint(TEN_DAYS - 60, "app", "setup.tv", "error", Map.of());
        customer.touchpoint(TEN_DAYS - 50, "app", "setup.tv", "error", Map.of());
        ObjectNode today = customer.touchpoint(TEN_DAYS - 40, "app", "setup.tv", "error", Map.of());

        // the customer's events are consumed in order: the request for today's trouble comes after anything for the old
        List<ConsumerRecord<String, byte[]>> requests = TestKafka.readAll(Topics.INTERVENTIONS,
                r -> r.key().equals(customer.id), 1, Duration.ofSeconds(20));
        assertThat(requests).extracting(r -> topicOf(r.value())).as("only today's trouble asks for a lesson")
                .containsExactly("setup.tv");

        JsonPath painPoints = customer.awaitPainPoint("PP-REPEATED-ERRORS");
        assertThat(painPoints.getList("items.touchpoint", String.class)).containsExactlyInAnyOrder("setup.wifi", "setup.tv");
        Map<String, Object> stale = painPoints.getMap("items.find { it.touchpoint == 'setup.wifi' }.interventions[0]");
        assertThat(stale).containsEntry("status", "SUPPRESSED").containsEntry("suppressedBy", "stale");
        assertThat((String) stale.get("reason")).contains("stale after 2 days");
        assertThat(painPoints.getString("items.find { it.touchpoint == 'setup.tv' }.interventions[0].status"))
                .isEqualTo("SENT");
        assertThat(JourneyApi.awaitInTimeline(customer.id, idOf(today))).contains(idOf(old));
    }

    @Test
    void anAbsenceIsAgedFromWhenItsWaitEndedNotFromItsAnchor() throws Throwable {
        // PP-NEW-CUSTOMER: a purchase with no first use within 7 days. Eight days ago, the wait ended yesterday: a
        // live pain point. Ten days ago, the wait ended three days ago: history.
        Customer waitEndedYesterday = new Customer(OffsetDateTime.now().minusDays(8).truncatedTo(ChronoUnit.SECONDS));
        Customer waitEndedThreeDaysAgo = new Customer(OffsetDateTime.now().minusDays(10).truncatedTo(ChronoUnit.SECONDS));
        ObjectNode recent = waitEndedYesterday.touchpoint(0, "web", "checkout.payment", "purchase", Map.of());
        ObjectNode old = waitEndedThreeDaysAgo.touchpoint(0, "web", "checkout.payment", "purchase", Map.of());
        JourneyApi.awaitInTimeline(waitEndedYesterday.id, idOf(recent));
        JourneyApi.awaitInTimeline(waitEndedThreeDaysAgo.id, idOf(old));

        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);

        assertThat(waitEndedYesterday.awaitPainPoint("PP-NEW-CUSTOMER").getString("items[0].interventions[0].status"))
                .isEqualTo("SENT");
        Map<String, Object> stale = waitEndedThreeDaysAgo.awaitPainPoint("PP-NEW-CUSTOMER")
                .getMap("items[0].interventions[0]");
        assertThat(stale).containsEntry("status", "SUPPRESSED").containsEntry("suppressedBy", "stale");
    }

    private static String topicOf(byte[] request) {
        try {
            return EventJson.mapper().readTree(request).path("topic").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
