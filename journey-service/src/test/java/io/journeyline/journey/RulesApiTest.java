package io.journeyline.journey;

import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * An admin reads and replaces the rule set over the API. New versions keep every default rule as shipped (other
 * tests share this database) and add rules on a touchpoint only these tests use; each test puts the defaults back.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RulesApiTest {
    private static final String DEFAULTS = defaults();
    private static final String KIOSK_RULES = """
              - id: PP-KIOSK-ERROR
                version: 1
                status: ACTIVE
                description: Any error at the test kiosk.
                severity: LOW
                on: {types: [io.journeyline.touchpoint.recorded], where: {action: error, touchpoint: kiosk.test}}
                action: {type: NONE}
              - id: PP-KIOSK-SHADOW
                version: 1
                status: SHADOW
                description: A candidate rule on the same kiosk, evaluated but silent.
                severity: HIGH
                on: {types: [io.journeyline.touchpoint.recorded], where: {touchpoint: kiosk.test}}
                action: {type: CASE, priority: HIGH}
            """;

    @AfterEach
    void restoreTheDefaults() {
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(DEFAULTS))
                .put("/api/v1/rules").then().statusCode(200);
    }

    @Test
    void anAdminReadsTheActiveRuleSetAndAnAgentMayNot() {
        given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules").then().statusCode(200)
                .body("rules.id", hasItems("PP-DETRACTOR", "PP-REPEATED-ERRORS", "PP-EDU-NO-EFFECT"))
                .body("rules.size()", equalTo(14));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/rules").then().statusCode(403);
        given().get("/api/v1/rules").then().statusCode(401);
    }

    @Test
    void anInvalidRuleSetIsRefusedNamingEveryProblemAndTheActiveOneStays() {
        int before = activeVersion();
        String invalid = """
                rules:
                  - id: PP-BROKEN
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    colour: red
                    on: {types: [io.journeyline.touchpoint.recorded], condition: "data.waitMs >"}
                    action: {type: NONE}
                  - id: PP-NO-WINDOW
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on: {types: [io.journeyline.touchpoint.recorded]}
                    count: {atLeast: 3}
                    action: {type: NONE}
                """;

        JsonPath problem = given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(invalid))
                .put("/api/v1/rules").then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("rules[0]", "rules[0].on.condition", "rules[1].count.within");
        assertThat(problem.getList("errors.message", String.class))
                .anySatisfy(message -> assertThat(message).contains("colour"))
                .anySatisfy(message -> assertThat(message).contains("within"))
                .anySatisfy(message -> assertThat(message).startsWith("line 1, column"));
        assertThat(activeVersion()).isEqualTo(before);

        String badExpression = DEFAULTS.replace("condition: data.scores.primary <= params.maxScore\n    action: {type: CASE, priority: HIGH}",
                "condition: data.scores.primary <= params.maxScore &&\n    action: {type: CASE, priority: HIGH}");
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(badExpression))
                .post("/api/v1/rules/validate").then().statusCode(200).body("valid", equalTo(false))
                .body("problems[0].field", equalTo("rules[0].on.condition"));
    }

    @Test
    void aChangedRuleMustRaiseItsVersionAndItsOwnTestsStillHold() {
        String changed = DEFAULTS.replace("severity: LOW\n    params: {maxWaitMs: 600000}",
                "severity: NORMAL\n    params: {maxWaitMs: 600000}");
        assertThat(changed).isNotEqualTo(DEFAULTS);

        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(changed))
                .post("/api/v1/rules/validate").then().statusCode(200)
                .body("problems.message", equalTo(List.of("PP-LONG-WAIT changed but kept version 1; raise it")));

        String lowerThreshold = DEFAULTS.replace("    version: 1\n    status: ACTIVE\n    description: A queue wait",
                "    version: 2\n    status: ACTIVE\n    description: A queue wait").replace(
                "params: {maxWaitMs: 600000}", "params: {maxWaitMs: 300000}");
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(lowerThreshold))
                .post("/api/v1/rules/validate").then().statusCode(200).body("problems.field",
                        equalTo(List.of("rules[12].tests[0]")));
    }

    @Test
    void aRuleWhoseOwnTestFailsIsRefused() {
        String failing = DEFAULTS + """
                  - id: PP-KIOSK-ERROR
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on: {types: [io.journeyline.touchpoint.recorded], where: {action: error, touchpoint: kiosk.test}}
                    action: {type: NONE}
                    tests:
                      - name: a visit is not an error
                        events:
                          - data: {channel: store, touchpoint: kiosk.test, action: visit}
                        expect: [[0]]
                """;
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(failing))
                .put("/api/v1/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("rules[14].tests[0]"));
    }

    @Test
    void aValidNewVersionTakesEffectWithoutARestartAndShadowRulesOnlyLeaveCandidates() {
        int saved = given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml")
                .body(utf8(DEFAULTS + KIOSK_RULES)).put("/api/v1/rules").then().statusCode(200)
                .extract().path("version");
        assertThat(saved).isEqualTo(activeVersion());

        Customer customer = new Customer(OffsetDateTime.parse("2026-11-10T08:00:00Z"));
        customer.touchpoint(0, "store", "kiosk.test", "error", Map.of());
        JsonPath painPoints = customer.awaitPainPoint("PP-KIOSK-SHADOW");
        customer.awaitPainPoint("PP-KIOSK-ERROR");
        painPoints = customer.painPoints(true);

        assertThat(painPoints.getList("items.ruleSetVersion", Integer.class)).containsOnly(saved);
        Map<String, Object> shadow = painPoints.getMap("items.find { it.ruleId == 'PP-KIOSK-SHADOW' }");
        assertThat(shadow).containsEntry("status", "CANDIDATE").containsEntry("shadow", true)
                .containsEntry("interventions", List.of());
        assertThat(customer.painPoints(false).getList("items.ruleId")).containsExactly("PP-KIOSK-ERROR");
        List<String> insights = TestKafka.readAll(Topics.INSIGHTS, r -> r.key().equals(customer.id), 1,
                Duration.ofSeconds(20)).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(insights).singleElement().asString().contains("PP-KIOSK-ERROR").doesNotContain("PP-KIOSK-SHADOW");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int activeVersion() {
        return given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules").then().statusCode(200)
                .extract().path("version");
    }

    private static String defaults() {
        try (InputStream in = RulesApiTest.class.getClassLoader().getResourceAsStream("rules/default-rules.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
