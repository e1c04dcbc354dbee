package io.journeyline.feedback;

import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA clocks with DOMAIN.md's defaults and a controlled clock (no waiting): HIGH must be acknowledged within 4 h
 * (warning at 80 % = 3 h 12 min); a breach is published and escalates the case; acknowledging in time stops the clock;
 * waiting on the customer pauses the resolution clock.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SlaClockTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void anUnacknowledgedHighComplaintWarnsThenBreachesAndEscalates() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = openCase(customer, "HIGH");
        String onTime = openCase("cust-" + UUID.randomUUID(), "HIGH");
        command(onTime, "acknowledge");

        clock.advance(Duration.ofMinutes(3 * 60 + 11));
        fireDue();
        assertThat(history(caseId)).doesNotContain("sla-warning");
        clock.advance(Duration.ofMinutes(2));
        fireDue();
        assertThat(history(caseId)).containsExactly("opened", "sla-warning");

        clock.advance(Duration.ofMinutes(50));
        fireDue();
        JsonPath view = view(caseId);
        assertThat(view.getList("history.action")).containsExactly("opened", "sla-warning", "sla-breached", "escalate");
        assertThat(view.getString("record.status")).isEqualTo("ESCALATED");
        assertThat(view.getString("record.priority")).isEqualTo("CRITICAL");
        assertThat(history(onTime)).containsExactly("opened", "acknowledge");

        List<String> published = TestKafka.read(Topics.FEEDBACK, r -> r.key().equals(customer), 4, Duration.ofSeconds(20))
                .stream().map(r -> TestKafka.header(r, "ce_type") + " " + new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(published).hasSize(4);
        assertThat(published.get(2)).startsWith("io.journeyline.case.sla-breached").contains("\"clock\":\"ACKNOWLEDGE\"");
        assertThat(published.get(3)).startsWith("io.journeyline.case.escalated").contains("\"priority\":\"CRITICAL\"");
    }

    @Test
    void waitingOnTheCustomerPausesTheResolutionClock() throws Throwable {
        String caseId = openCase("cust-" + UUID.randomUUID(), "NORMAL");   // resolve within 5 days
        command(caseId, "acknowledge");
        command(caseId, "wait-on-customer");

        clock.advance(Duration.ofDays(6));
        fireDue();
        assertThat(history(caseId)).doesNotContain("sla-warning", "sla-breached");

        command(caseId, "resume");
        clock.advance(Duration.ofDays(4).plusHours(1));       // 80 % of 5 days = 4 days of running clock
        fireDue();
        assertThat(history(caseId)).contains("sla-warning").doesNotContain("sla-breached");
        clock.advance(Duration.ofDays(1));
        fireDue();
        assertThat(history(caseId)).endsWith("sla-breached", "escalate");
    }

    private String openCase(String customer, String severity) {
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "complaint", "category", "DELIVERY", "channel", "phone",
                        "topic", "parcel", "severity", severity))
                .post("/api/v1/feedback").then().statusCode(201);
        return given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().path("items[0].id");
    }

    private static void command(String caseId, String command) {
        given().header("Authorization", AGENT).contentType("application/json").body("{}")
                .post("/api/v1/cases/" + caseId + "/" + command).then().statusCode(200);
    }

    private static JsonPath view(String caseId) {
        return given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> history(String caseId) {
        return view(caseId).getList("history.action", String.class);
    }

    private void fireDue() throws Throwable {
        VertxContextSupport.subscribeAndAwait(poller::fireDue);
    }
}
