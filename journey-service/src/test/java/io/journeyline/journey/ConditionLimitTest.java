package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.journeyline.journey.domain.rules.RuleTestRunner;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.journeyline.journey.Customer.idOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rule's CEL condition cannot hang the consumer, and checking a rule set cannot hold up the event loop: a nested
 * comprehension over thousands of attributes stops at {@code journeyline.rules.condition-max-iterations} (the event
 * is consumed as usual, the rule does not fire, the metric counts it), and validation with the rules' own tests runs
 * on a worker thread. Rule sets here keep every default rule and add rules on touchpoints only these tests use; each
 * test puts the defaults back.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConditionLimitTest {
    private static final String DEFAULTS = defaults();
    private static final String NESTED_RULE = """
              - id: PP-NESTED-TEST
                version: 1
                status: ACTIVE
                description: Every pair of the numbers a test touchpoint carries sums to at least zero.
                severity: LOW
                on:
                  types: [io.journeyline.touchpoint.recorded]
                  where: {touchpoint: nested.test}
                  condition: has(data.attributes) && data.attributes.n.all(a, data.attributes.n.all(b, a + b >= 0))
                action: {type: NONE}
                tests:
                  - name: three numbers
                    events:
                      - data: {channel: web, touchpoint: nested.test, action: visit, attributes: {n: [1, 2, 3]}}
                    expect: [[0]]
            """;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void restoreTheDefaults() {
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(DEFAULTS))
                .put("/api/v1/rules").then().statusCode(200);
    }

    @Test
    void anEventThatWouldMakeANestedComprehensionExplodeIsConsumedPromptlyAndTheRuleDoesNotFireForIt() {
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml")
                .body(utf8(DEFAULTS + NESTED_RULE)).put("/api/v1/rules").then().statusCode(200);
        double before = limitReached("PP-NESTED-TEST");
        Customer customer = new Customer(OffsetDateTime.parse("2026-11-12T08:00:00Z"));

        // 3000 × 3000 steps without the limit: minutes of one consumer's event loop
        ObjectNode huge = customer.touchpoint(0, "web", "nested.test", "visit",
                Map.of("attributes", Map.of("n", IntStream.range(0, 3000).boxed().toList())));
        JourneyApi.awaitInTimeline(customer.id, idOf(huge));
        ObjectNode small = customer.touchpoint(1, "web", "nested.test", "visit",
                Map.of("attributes", Map.of("n", List.of(4, 5, 6))));
        customer.awaitPainPoint("PP-NESTED-TEST");

        assertThat(customer.painPoints(false).getList("items.findAll { it.ruleId == 'PP-NESTED-TEST' }.evidence"))
                .containsExactly(List.of(idOf(small)));
        assertThat(limitReached("PP-NESTED-TEST")).isEqualTo(before + 1);
    }

    @Test
    void checkingARuleSetWithItsTestsRunsOnAWorkerThreadNotOnTheEventLoop() throws Exception {
        String heavy = DEFAULTS + heavyRule(80, 999);

        CompletableFuture<Response> validating = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(heavy))
                .post("/api/v1/rules/validate"));
        Thread validator = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                .until(ConditionLimitTest::runningTheRulesTests, Optional::isPresent).orElseThrow();
        given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules").then().statusCode(200);
        assertThat(validator.getName()).doesNotContain("eventloop");
        assertThat(validating.get().then().statusCode(200).extract().<Boolean>path("valid")).isTrue();

        CompletableFuture<Response> saving = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(utf8(heavy))
                .put("/api/v1/rules"));
        Thread saver = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                .until(ConditionLimitTest::runningTheRulesTests, Optional::isPresent).orElseThrow();
        assertThat(saver.getName()).doesNotContain("eventloop");
        saving.get().then().statusCode(200);
    }

    /** A valid rule whose one test has {@code events} events of {@code numbers} numbers each, all read by its condition. */
    private static String heavyRule(int events, int numbers) {
        String n = IntStream.range(0, numbers).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        String event = "          - data: {channel: web, touchpoint: heavy.test, action: visit, attributes: {n: " + n
                + "}}\n";
        return """
                  - id: PP-HEAVY-TEST
                    version: 1
                    status: ACTIVE
                    description: A negative number at the heavy test touchpoint.
                    severity: LOW
                    on:
                      types: [io.journeyline.touchpoint.recorded]
                      where: {touchpoint: heavy.test}
                      condition: data.attributes.n.exists(a, a < 0)
                    action: {type: NONE}
                    tests:
                      - name: no negative number
                        events:
                """ + event.repeat(events) + "        expect: []\n";
    }

    /** The thread running a rule set's own tests right now, if any. */
    private static Optional<Thread> runningTheRulesTests() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> Arrays.stream(entry.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(RuleTestRunner.class.getName())))
                .map(Map.Entry::getKey).findFirst();
    }

    private double limitReached(String rule) {
        Counter counter = registry.find("journeyline.rules.condition.limit").tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String defaults() {
        try (InputStream in = ConditionLimitTest.class.getClassLoader().getResourceAsStream("rules/default-rules.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
