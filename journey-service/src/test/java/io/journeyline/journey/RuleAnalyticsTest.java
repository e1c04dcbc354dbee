package io.journeyline.journey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.journeyline.testing.RealInfrastructure;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervisor reads how a rule did over a period: one customer hit twice (the second lesson held back by the
 * cooldown, the pain point dismissed by an agent as a false positive), another once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RuleAnalyticsTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-07-13T09:00:00Z");

    @Test
    void detectionsInterventionsDismissalsAndRecurrencePerRuleVersion() {
        Customer twice = new Customer(T0);
        Customer once = new Customer(T0);
        for (int day : new int[]{0, 2}) {
            for (int i = 0; i < 3; i++) {
                twice.touchpoint(day * 24 * 60 + i, "app", "setup.router", "error", Map.of());
            }
        }
        for (int i = 0; i < 3; i++) {
            once.touchpoint(i, "app", "setup.router", "error", Map.of());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> twice.painPoints(false).getList("items").size() == 2);
        once.awaitPainPoint("PP-REPEATED-ERRORS");
        String latest = twice.painPoints(false).getString("items[0].id");
        given().header("Authorization", JourneyApi.AGENT).contentType("application/json")
                .body("{\"reason\":\"the router was unplugged on purpose\"}")
                .post("/api/v1/pain-points/" + latest + "/dismiss").then().statusCode(200);

        JsonPath report = given().header("Authorization", JourneyApi.SUPERVISOR)
                .get("/api/v1/analytics/rules?from=" + T0.minusHours(1) + "&to=" + T0.plusDays(3)).then().statusCode(200)
                .extract().jsonPath().setRootPath("rules.find { it.ruleId == 'PP-REPEATED-ERRORS' && it.version == 1 }");

        assertThat(report.getString("status")).isEqualTo("ACTIVE");
        assertThat(report.getLong("detections")).isEqualTo(3);
        assertThat(report.getLong("customers")).isEqualTo(2);
        assertThat(report.getLong("sent")).isEqualTo(2);
        assertThat(report.getMap("suppressedBy")).isEqualTo(Map.of("cooldown", 1));
        assertThat(report.getLong("dismissed.count")).isEqualTo(1);
        assertThat(report.getLong("dismissed.n")).isEqualTo(3);
        assertThat(report.getLong("open")).isEqualTo(2);
        assertThat(report.getLong("recurrence.count")).as("customers hit more than once").isEqualTo(1);
        assertThat(report.getLong("recurrence.n")).isEqualTo(2);
        assertThat(report.getString("medianTimeToResolution")).as("nothing resolved yet").isNull();

        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/analytics/rules").then().statusCode(403);
    }

    /** A SHADOW rule's candidates, with the action they would ask for (before the guards); the defaults put back. */
    @Test
    void aShadowRulesCandidatesShowWhatTheyWouldAskFor() throws Exception {
        String defaults;
        try (var in = getClass().getClassLoader().getResourceAsStream("rules/default-rules.yaml")) {
            defaults = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String withShadow = defaults + """
                  - id: PP-ANALYTICS-SHADOW
                    version: 3
                    status: SHADOW
                    description: A candidate rule on a touchpoint only this test uses.
                    severity: HIGH
                    on: {types: [io.journeyline.touchpoint.recorded], where: {touchpoint: analytics.kiosk}}
                    action: {type: CASE, priority: HIGH}
                """;
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml")
                .body(withShadow.getBytes(java.nio.charset.StandardCharsets.UTF_8)).put("/api/v1/rules").then()
                .statusCode(200);
        try {
            OffsetDateTime t = T0.plusDays(20);
            Customer candidate = new Customer(t);
            candidate.touchpoint(0, "web", "analytics.kiosk", "view", Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> candidate.painPoints(true).getList("items.ruleId",
                    String.class).contains("PP-ANALYTICS-SHADOW"));

            JsonPath report = given().header("Authorization", JourneyApi.SUPERVISOR)
                    .get("/api/v1/analytics/rules?from=" + t.minusHours(1) + "&to=" + t.plusHours(1)).then()
                    .statusCode(200).extract().jsonPath()
                    .setRootPath("rules.find { it.ruleId == 'PP-ANALYTICS-SHADOW' }");
            assertThat(report.getString("status")).isEqualTo("SHADOW");
            assertThat(report.getInt("version")).isEqualTo(3);
            assertThat(report.getLong("detections")).isEqualTo(1);
            assertThat(report.getLong("sent")).as("a SHADOW rule sends nothing").isZero();
            assertThat(report.getString("wouldAsk.type")).isEqualTo("CASE");
            assertThat(report.getLong("wouldAsk.n")).isEqualTo(1);
        } finally {
            given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml")
                    .body(defaults.getBytes(java.nio.charset.StandardCharsets.UTF_8)).put("/api/v1/rules").then()
                    .statusCode(200);
        }
    }
}
