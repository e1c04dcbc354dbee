package io.journeyline.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.journeyline.journey.Customer.idOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The default rules against real Kafka and PostgreSQL: events go onto the contract topics as other systems send
 * them; what fired is read through the API and off journey.insights / journey.interventions. Thresholds are
 * DOMAIN.md's defaults. A test that shows something did NOT fire sends a later event of the same customer that
 * fires another rule and waits for that (one customer's events are processed in order), instead of waiting out a
 * timeout.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PainPointRulesTest {
    @Inject
    TimerPoller poller;
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-02T09:00:00Z");
    private static final Map<String, Object> NONE = Map.of();

    @Test
    void threeErrorsOnOneTouchpointWithinADayAreOnePainPointWithOneEducationRequest() {
        Customer a = new Customer(T0);
        ObjectNode e1 = a.touchpoint(5, "app", "setup.wifi", "error", NONE);
        ObjectNode e2 = a.touchpoint(25, "app", "setup.wifi", "error", NONE);
        ObjectNode e3 = a.touchpoint(50, "app", "setup.wifi", "error", NONE);

        JsonPath painPoints = a.awaitPainPoint("PP-REPEATED-ERRORS");

        assertThat(painPoints.getList("items")).hasSize(1);
        assertThat(painPoints.getString("items[0].status")).isEqualTo("OPEN");
        assertThat(painPoints.getString("items[0].severity")).isEqualTo("NORMAL");
        assertThat(painPoints.getString("items[0].touchpoint")).isEqualTo("setup.wifi");
        assertThat(painPoints.getInt("items[0].ruleVersion")).isEqualTo(1);
        assertThat(painPoints.getList("items[0].evidence", String.class)).containsExactly(idOf(e1), idOf(e2), idOf(e3));
        assertThat(painPoints.getString("items[0].interventions[0].type")).isEqualTo("EDUCATION");
        assertThat(painPoints.getString("items[0].interventions[0].status")).isEqualTo("SENT");
        String painPointId = painPoints.getString("items[0].id");

        JsonNode request = data(TestKafka.read(Topics.INTERVENTIONS, r -> r.key().equals(a.id), 1,
                Duration.ofSeconds(20)).get(0));
        assertThat(request.get("painPointId").asText()).isEqualTo(painPointId);
        assertThat(request.get("topic").asText()).isEqualTo("setup.wifi");
        assertThat(request.get("level").asText()).isEqualTo("PROBLEM_SOLVING");
        JsonNode detected = data(TestKafka.read(Topics.INSIGHTS, r -> r.key().equals(a.id)
                && "io.journeyline.journey.pain-point-detected".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(20)).get(0));
        assertThat(detected.get("ruleId").asText()).isEqualTo("PP-REPEATED-ERRORS");
        assertThat(detected.get("evidence")).extracting(JsonNode::asText)
                .containsExactly(idOf(e1), idOf(e2), idOf(e3));
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("journeyline_pain_points_detected_total{rule=\"PP-REPEATED-ERRORS\",status=\"ACTIVE\"}")
                .contains("journeyline_interventions_total{guard=\"none\",status=\"SENT\",type=\"EDUCATION\"}");
    }

    @Test
    void twoErrorsOrThreeSpreadOverMoreThanADayDoNotFire() {
        Customer b = new Customer(T0);
        b.touchpoint(0, "app", "setup.wifi", "error", NONE);
        b.touchpoint(60, "app", "setup.wifi", "error", NONE);
        b.touchpoint(24 * 60 + 1, "app", "setup.wifi", "error", NONE);
        b.touchpoint(24 * 60 + 2, "phone", "hotline", "contact", Map.of("waitMs", 900_000));

        b.awaitPainPoint("PP-LONG-WAIT");
        assertThat(b.ruleIds()).containsExactly("PP-LONG-WAIT");
    }

    @Test
    void theSameEventsDeliveredAgainCreateNothingNew() {
        Customer c = new Customer(T0);
        List<ObjectNode> errors = List.of(c.touchpoint(0, "app", "setup.wifi", "error", NONE),
                c.touchpoint(1, "app", "setup.wifi", "error", NONE), c.touchpoint(2, "app", "setup.wifi", "error", NONE));
        c.awaitPainPoint("PP-REPEATED-ERRORS");

        errors.forEach(event -> c.resend(Topics.TOUCHPOINTS, event));
        c.touchpoint(3, "phone", "hotline", "contact", Map.of("waitMs", 900_000));
        JsonPath painPoints = c.awaitPainPoint("PP-LONG-WAIT");

        assertThat(painPoints.getList("items.ruleId", String.class))
                .containsExactlyInAnyOrder("PP-REPEATED-ERRORS", "PP-LONG-WAIT");
        assertThat(painPoints.getList("items.interventions.flatten()")).hasSize(2);
    }

    @Test
    void aLateErrorInsideTheAllowanceCompletesThePattern() {
        Customer d = new Customer(T0);
        d.touchpoint(120, "app", "setup.wifi", "error", NONE);
        d.touchpoint(130, "app", "setup.wifi", "error", NONE);
        ObjectNode late = d.touchpoint(10, "app", "setup.wifi", "error", NONE);

        JsonPath painPoints = d.awaitPainPoint("PP-REPEATED-ERRORS");
        assertThat(painPoints.getList("items[0].evidence", String.class)).first().isEqualTo(idOf(late));
    }

    @Test
    void theCapHoldsAcrossRulesAndTheCooldownPerRuleAndTopic() {
        // one after the other: the two topics are consumed independently, and guards decide in arrival order
        Customer e = new Customer(T0);
        inOrder(e, e.survey(0, "NPS", 3));                                                     // PP-DETRACTOR → case
        inOrder(e, e.complaint(10, "MISUNDERSTANDING", "refund-policy", null));                // PP-MISUNDERSTANDING → education
        inOrder(e, e.touchpoint(20, "phone", "hotline", "contact", Map.of("waitMs", 900_000)));  // PP-LONG-WAIT → education
        inOrder(e, e.touchpoint(30, "phone", "hotline", "contact", Map.of("waitMs", 700_000)));  // PP-LONG-WAIT again
        e.survey(40, "CSAT", 1);                                                               // PP-LOW-CSAT: over the cap

        JsonPath painPoints = e.awaitPainPoint("PP-LOW-CSAT");
        assertThat(painPoints.getList("items")).hasSize(5);
        List<Map<String, Object>> interventions = painPoints.getList("items.interventions.flatten()");
        assertThat(interventions).extracting(i -> i.get("status") + ":" + i.get("suppressedBy"))
                .containsExactlyInAnyOrder("SENT:null", "SENT:null", "SENT:null", "SUPPRESSED:cooldown", "SUPPRESSED:cap");
        assertThat(painPoints.getList("items.findAll { it.ruleId == 'PP-LOW-CSAT' }.interventions[0].reason", String.class))
                .singleElement().asString().contains("reach the cap of 3");
    }

    @Test
    void anAgentAcknowledgesThenDismissesWithAReasonAndIllegalStepsAre409() {
        Customer f = new Customer(T0);
        f.survey(0, "NPS", 2);
        String id = f.awaitPainPoint("PP-DETRACTOR").getString("items[0].id");

        given().header("Authorization", JourneyApi.AGENT).contentType("application/json").body("{}")
                .post("/api/v1/pain-points/" + id + "/acknowledge").then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
        given().header("Authorization", JourneyApi.AGENT).contentType("application/json").body("{}")
                .post("/api/v1/pain-points/" + id + "/acknowledge").then().statusCode(409)
                .body("detail", equalTo("cannot acknowledge a pain point that is ACKNOWLEDGED; allowed from OPEN"));
        given().header("Authorization", JourneyApi.AGENT).contentType("application/json").body("{}")
                .post("/api/v1/pain-points/" + id + "/dismiss").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        given().header("Authorization", JourneyApi.AGENT).contentType("application/json")
                .body("{\"reason\":\"customer called back, all fine\"}")
                .post("/api/v1/pain-points/" + id + "/dismiss").then().statusCode(200)
                .body("status", equalTo("DISMISSED")).body("statusNote", equalTo("customer called back, all fine"));

        JsonNode resolved = data(TestKafka.read(Topics.INSIGHTS, r -> r.key().equals(f.id)
                && "io.journeyline.journey.pain-point-resolved".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(20)).get(0));
        assertThat(resolved.get("resolution").asText()).isEqualTo("dismissed");
        assertThat(resolved.get("painPointId").asText()).isEqualTo(id);
    }

    @Test
    void theWorklistFiltersByRuleAndSeverityAndPages() {
        Customer g = new Customer(T0.plusDays(30));
        g.survey(0, "NPS", 1);
        g.complaint(5, "BILLING_FEES", "billing", -0.8);
        g.awaitPainPoint("PP-NEGATIVE-SENTIMENT");

        given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/pain-points?rule=PP-NEGATIVE-SENTIMENT&severity=high&since=2026-12-02T09:00:00Z&limit=200")
                .then().statusCode(200)
                .body("items.findAll { it.customerId == '" + g.id + "' }.ruleId", equalTo(List.of("PP-NEGATIVE-SENTIMENT")));
        JsonPath first = given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/customers/" + g.id + "/pain-points?limit=1").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.ruleId")).containsExactly("PP-NEGATIVE-SENTIMENT");
        given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/customers/" + g.id + "/pain-points?limit=1&cursor=" + first.getString("nextCursor"))
                .then().statusCode(200).body("items.ruleId", equalTo(List.of("PP-DETRACTOR")))
                .body("nextCursor", equalTo(null));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/pain-points?status=SOLVED").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void aPurchaseWithoutFirstUseFiresWhenItsTimerComesDueAndNotWhenTheCustomerUsedTheProduct() throws Throwable {
        OffsetDateTime tenDaysAgo = OffsetDateTime.now().minusDays(10);
        Customer used = new Customer(tenDaysAgo);
        used.touchpoint(0, "web", "checkout.payment", "purchase", NONE);
        ObjectNode firstUse = used.touchpoint(60, "app", "dashboard", "feature_use", Map.of("outcome", "success"));
        Customer idle = new Customer(tenDaysAgo);
        ObjectNode purchase = idle.touchpoint(0, "web", "checkout.payment", "purchase", NONE);
        JourneyApi.awaitInTimeline(used.id, idOf(firstUse));
        JourneyApi.awaitInTimeline(idle.id, idOf(purchase));

        // both timers were due when their purchases arrived (history): they fire at the next poll
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
        JsonPath painPoints = idle.awaitPainPoint("PP-NEW-CUSTOMER");
        assertThat(painPoints.getList("items[0].evidence", String.class)).containsExactly(idOf(purchase));
        used.touchpoint(61, "phone", "hotline", "contact", Map.of("waitMs", 900_000));
        used.awaitPainPoint("PP-LONG-WAIT");
        assertThat(used.ruleIds()).containsExactly("PP-LONG-WAIT");
    }

    private static void inOrder(Customer customer, ObjectNode event) {
        JourneyApi.awaitInTimeline(customer.id, idOf(event));
    }

    private static JsonNode data(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
