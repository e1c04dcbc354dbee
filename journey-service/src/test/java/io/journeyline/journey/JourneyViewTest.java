package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.journeyline.journey.Customer.idOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * STORIES.md stories 1, 2 (journey-service's part) and 4 as an agent sees them: the journey view, the timeline with
 * journey-service's own entries beside the raw events, and journey.insights.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class JourneyViewTest {
    private static final OffsetDateTime THREE_DAYS_AGO = OffsetDateTime.now().minusDays(3).truncatedTo(ChronoUnit.SECONDS);
    private static final Map<String, Object> NONE = Map.of();

    @Test
    void story1OnboardingTroubleShowsStagePainPointEducationAndHealth() {
        Customer a = new Customer(THREE_DAYS_AGO);
        ObjectNode purchase = a.touchpoint(0, "web", "checkout.payment", "purchase", NONE);
        a.touchpoint(5, "app", "setup.wifi", "error", NONE);
        a.touchpoint(25, "app", "setup.wifi", "error", NONE);
        ObjectNode third = a.touchpoint(50, "app", "setup.wifi", "error", NONE);
        a.awaitPainPoint("PP-REPEATED-ERRORS");

        JsonPath journey = journey(a.id);
        assertThat(journey.getString("stage")).isEqualTo("ONBOARDING");
        assertThat(journey.getString("phase")).isEqualTo("after-sale");
        assertThat(journey.getList("stageHistory.to", String.class)).containsExactly("AWARENESS", "PURCHASE", "ONBOARDING");
        assertThat(journey.getList("stageHistory.cause", String.class)).startsWith(idOf(purchase), idOf(purchase));
        assertThat(Duration.parse(journey.getString("timeInStage"))).isBetween(Duration.ofDays(2), Duration.ofDays(4));
        assertThat(journey.getList("openPainPoints.ruleId")).containsExactly("PP-REPEATED-ERRORS");
        assertThat(journey.getList("interventions.sent.type")).containsExactly("EDUCATION");
        assertThat(journey.getInt("health.score")).isEqualTo(90);
        assertThat(journey.getList("health.parts.factor")).containsExactly("open pain points");

        // the timeline: raw events and journey-service's own entries, newest first by event time
        List<String> types = JourneyApi.timeline(a.id, "limit=50").statusCode(200).extract().jsonPath()
                .getList("items.type", String.class);
        assertThat(types).containsExactly(
                "io.journeyline.intervention.education-requested",
                "io.journeyline.journey.pain-point-detected",
                "io.journeyline.touchpoint.recorded",
                "io.journeyline.touchpoint.recorded",
                "io.journeyline.journey.stage-changed",      // the first error moved the buyer into ONBOARDING
                "io.journeyline.touchpoint.recorded",
                "io.journeyline.journey.stage-changed",      // the purchase moved them into PURCHASE
                "io.journeyline.touchpoint.recorded");
        List<String> summaries = JourneyApi.timeline(a.id, "limit=50").extract().jsonPath().getList("items.summary", String.class);
        assertThat(summaries.get(0)).isEqualTo("education requested about setup.wifi (PP-REPEATED-ERRORS)");
        assertThat(summaries.get(4)).isEqualTo("stage PURCHASE → ONBOARDING");
        assertThat(summaries.get(6)).isEqualTo("stage AWARENESS → PURCHASE");
        assertThat(JourneyApi.timeline(a.id, "limit=50").extract().jsonPath().getString("items[2].eventId"))
                .isEqualTo(idOf(third));

        List<String> insights = TestKafka.readAll(Topics.INSIGHTS, r -> r.key().equals(a.id), 3, Duration.ofSeconds(20))
                .stream().map(r -> TestKafka.header(r, "ce_type")).toList();
        assertThat(insights).containsExactly("io.journeyline.journey.stage-changed",
                "io.journeyline.journey.stage-changed", "io.journeyline.journey.pain-point-detected");
    }

    @Test
    void story2ADetractorIsAtRiskUntilTheirCaseClosesRecovered() {
        Customer b = new Customer(THREE_DAYS_AGO);
        b.touchpoint(0, "web", "checkout.payment", "purchase", NONE);
        b.touchpoint(60, "app", "billing.view", "feature_use", Map.of("outcome", "success"));
        b.survey(120, "NPS", 3);
        b.awaitPainPoint("PP-DETRACTOR");
        JsonPath atRisk = journey(b.id);
        assertThat(atRisk.getString("stage")).isEqualTo("AT_RISK");
        assertThat(atRisk.getDouble("latestScores.NPS.score")).isEqualTo(3.0);
        assertThat(atRisk.getList("health.parts.factor")).containsExactly("open pain points", "latest NPS", "stage");
        assertThat(atRisk.getInt("health.score")).isEqualTo(100 - 20 - 20 - 15);
        assertThat(atRisk.getString("health.band")).isEqualTo("at-risk");

        ObjectNode data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("customerId", b.id).put("caseId", "case-" + b.id).put("status", "CLOSED").put("outcome", "RECOVERED");
        b.send(Topics.FEEDBACK, "io.journeyline.case.closed", "/journeyline/feedback-service", 3 * 60, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> journey(b.id).getString("stage"), "USAGE"::equals);
    }

    @Test
    void story4RepeatContactAndChannelSwitchGiveOneCaseWithTheContactsAsEvidence() {
        Customer c = new Customer(THREE_DAYS_AGO);
        ObjectNode failure = c.touchpoint(0, "web", "returns.portal", "self_service",
                Map.of("outcome", "failure", "topic", "returns"));
        ObjectNode call = c.touchpoint(20, "phone", "hotline", "contact", Map.of("topic", "returns"));
        ObjectNode chat = c.touchpoint(2 * 24 * 60, "chat", "chat", "contact", Map.of("topic", "returns"));

        JsonPath painPoints = c.awaitPainPoint("PP-REPEAT-CONTACT");
        c.awaitPainPoint("PP-CHANNEL-SWITCH");
        painPoints = c.painPoints(false);
        assertThat(painPoints.getList("items.evidence.flatten()", String.class))
                .contains(idOf(failure), idOf(call), idOf(chat));
        List<Map<String, Object>> interventions = painPoints.getList("items.interventions.flatten()");
        assertThat(interventions).extracting(i -> i.get("type")).containsExactlyInAnyOrder("CASE", "EDUCATION");
        assertThat(painPoints.getList("items.findAll { it.ruleId == 'PP-REPEAT-CONTACT' }.evidence.flatten()", String.class))
                .containsExactly(idOf(call), idOf(chat));

        List<String> requests = TestKafka.readAll(Topics.INTERVENTIONS, r -> r.key().equals(c.id), 2, Duration.ofSeconds(20))
                .stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        // the case carries all three contacts: its own evidence and that of the channel switch on the same topic
        assertThat(requests).filteredOn(json -> json.contains("\"evidence\""))
                .singleElement().asString().contains(idOf(failure), idOf(call), idOf(chat), "\"topic\":\"returns\"");
        assertThat(journey(c.id).getMap("contacts.byTopic")).containsEntry("returns", 2);
    }

    private static JsonPath journey(String customerId) {
        return given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + customerId + "/journey")
                .then().statusCode(200).extract().jsonPath();
    }
}
