package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.journeyline.journey.Customer.idOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PP-STALL with a controlled clock: a customer who entered ONBOARDING (14 days is the default limit) is found
 * stalled when the clock passes the limit, not before; one who moved on is not.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class StallTest {
    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void aCustomerStillOnboardingAfter14DaysIsStalledAndOneWhoMovedOnIsNot() throws Throwable {
        // entered ONBOARDING 14 days minus one hour ago (event time), so the stall comes due in an hour
        OffsetDateTime start = clock.instant().atOffset(ZoneOffset.UTC).minus(Duration.ofDays(14)).plusHours(1)
                .truncatedTo(ChronoUnit.SECONDS);
        Customer stuck = new Customer(start);
        stuck.touchpoint(0, "web", "checkout.payment", "purchase", Map.of());
        ObjectNode entered = stuck.touchpoint(1, "app", "setup.wifi", "login", Map.of());
        Customer movedOn = new Customer(start);
        movedOn.touchpoint(0, "web", "checkout.payment", "purchase", Map.of());
        movedOn.touchpoint(1, "app", "setup.wifi", "login", Map.of());
        ObjectNode firstUse = movedOn.touchpoint(2, "app", "dashboard", "feature_use", Map.of("outcome", "success"));
        JourneyApi.awaitInTimeline(stuck.id, idOf(entered));
        JourneyApi.awaitInTimeline(movedOn.id, idOf(firstUse));

        fireDue();
        assertThat(stuck.ruleIds()).doesNotContain("PP-STALL");

        clock.advance(Duration.ofHours(2));
        fireDue();

        JsonPath painPoints = stuck.painPoints(false);
        Map<String, Object> stall = painPoints.getMap("items.find { it.ruleId == 'PP-STALL' }");
        assertThat(stall).isNotNull().containsEntry("severity", "LOW").containsEntry("topic", "onboarding");
        assertThat(painPoints.getList("items.find { it.ruleId == 'PP-STALL' }.evidence", String.class))
                .containsExactly(idOf(entered));
        assertThat(movedOn.ruleIds()).doesNotContain("PP-STALL");
    }

    private void fireDue() throws Throwable {
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
    }
}
