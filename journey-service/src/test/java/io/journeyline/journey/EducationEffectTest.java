package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;

/**
 * The education-effect report over customers whose PP-REPEATED-ERRORS led to education, with education-service's
 * decisions (treated or held out) sent as it sends them, recurrences and CSAT answers at known event times, 100 days
 * back so every 30-day window has passed. The build sets journeyline.analytics.minimum-n-per-arm to 3 for these arms
 * of four and five.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class EducationEffectTest {
    private static final int DAY = 24 * 60;
    private static final Map<String, Object> NONE = Map.of();

    @Inject
    TestClock clock;

    @Test
    void treatedAgainstHeldOutWithNPerArmRatesMeansIntervalsAndPValues() {
        OffsetDateTime t0 = clock.instant().atOffset(ZoneOffset.UTC).minusDays(100).truncatedTo(ChronoUnit.MINUTES);
        String rule = "PP-REPEATED-ERRORS";
        // treated: one recurrence within 30 days (day 10), one after them (day 40, not counted); CSAT 2 → 4 three times,
        // 3 → 4 once: changes 2, 2, 2, 1
        customer(t0, false, "wifi-setup", 10, 2.0, 4.0);
        customer(t0, false, "wifi-setup", null, 2.0, 4.0);
        customer(t0, false, "wifi-setup", null, 2.0, 4.0);
        customer(t0, false, "wifi-advanced", null, 3.0, 4.0);
        customer(t0, false, "wifi-advanced", 40, null, null);
        // held out: two recurrences (days 5 and 20); CSAT 2 → 2 three times, 3 → 2 once: changes 0, 0, 0, −1
        customer(t0, true, null, 5, 2.0, 2.0);
        customer(t0, true, null, 20, 2.0, 2.0);
        customer(t0, true, null, null, 2.0, 2.0);
        customer(t0, true, null, null, 3.0, 2.0);
        // treated 10 days ago: its window has not passed yet
        customer(clock.instant().atOffset(ZoneOffset.UTC).minusDays(10).truncatedTo(ChronoUnit.MINUTES), false,
                "wifi-setup", null, null, null);

        String range = "from=" + t0.minusDays(1) + "&to=" + clock.instant();
        // every event has arrived when the counts are: treated, held out, pending, recurred (treated, held out),
        // customers with a CSAT change (treated, held out)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts(report(range + "&by=content")))
                .isEqualTo("5 4 1 | 1 2 | 4 4"));
        JsonPath report = report(range + "&by=content");
        assertThat(report.getLong("total.treatedPending")).isEqualTo(1);
        assertThat(report.getString("window")).isEqualTo("PT720H");

        // recurrence 1/5 = 20 % vs 2/4 = 50 %: −30 pp, −60 % relative. Newcombe's hybrid score interval and the pooled
        // z-test worked independently (SciPy 1.17 Wilson bounds, the formulas of Newcombe 1998 method 10):
        // −68.64 pp to +25.01 pp; pooled p = 3/9, SE = √(1/3 · 2/3 · (1/5 + 1/4)) = 0.31623, z = −0.94868, p = 0.34278
        Map<String, Object> recurrence = report.getMap("total.recurrence");
        assertThat(recurrence).containsEntry("status", "ok").containsEntry("treatedN", 5).containsEntry("heldOutN", 4);
        assertThat(report.getDouble("total.recurrence.treatedPercent")).isEqualTo(20.0);
        assertThat(report.getDouble("total.recurrence.heldOutPercent")).isEqualTo(50.0);
        assertThat(report.getDouble("total.recurrence.differencePp")).isCloseTo(-30.0, within(1e-9));
        assertThat(report.getDouble("total.recurrence.relativePercent")).isCloseTo(-60.0, within(1e-9));
        assertThat(report.getDouble("total.recurrence.lower95Pp")).isCloseTo(-68.64, within(0.005));
        assertThat(report.getDouble("total.recurrence.upper95Pp")).isCloseTo(25.01, within(0.005));
        assertThat(report.getDouble("total.recurrence.z")).isCloseTo(-0.94868, within(0.00001));
        assertThat(report.getDouble("total.recurrence.pValue")).isCloseTo(0.34278, within(0.00001));

        // CSAT change: treated mean 1.75 (variance 0.25, n 4), held out −0.25 (variance 0.25, n 4): +2.0 points; Welch
        // by hand t = 2 / √(0.25/4 + 0.25/4) = 5.65685, ν = 6; SciPy: p = 0.0013107, interval 1.13489 to 2.86511
        assertThat(report.getString("total.csatChange.status")).isEqualTo("ok");
        assertThat(report.getLong("total.csatChange.treatedN")).as("the customer without answers is not in it").isEqualTo(4);
        assertThat(report.getDouble("total.csatChange.difference")).isCloseTo(2.0, within(1e-9));
        assertThat(report.getDouble("total.csatChange.t")).isCloseTo(5.65685, within(0.00001));
        assertThat(report.getDouble("total.csatChange.degreesOfFreedom")).isCloseTo(6.0, within(1e-9));
        assertThat(report.getDouble("total.csatChange.pValue")).isCloseTo(0.0013107, within(0.0000001));
        assertThat(report.getDouble("total.csatChange.lower95")).isCloseTo(1.13489, within(0.00001));
        assertThat(report.getDouble("total.csatChange.upper95")).isCloseTo(2.86511, within(0.00001));
        assertThat(report.getString("total.npsChange.status")).as("no NPS answers").isEqualTo("not-enough-data");

        // by content: wifi-advanced's two treated customers are below the minimum of 3: their n, no figures
        assertThat(report.getList("groups.key")).containsExactly("wifi-advanced", "wifi-setup");
        assertThat(report.getString("groups[0].recurrence.status")).isEqualTo("not-enough-data");
        assertThat(report.getLong("groups[0].recurrence.treatedN")).isEqualTo(2);
        assertThat(report.getString("groups[0].recurrence.differencePp")).isNull();
        assertThat(report.getLong("groups[1].heldOut")).as("the held-out customers of the rule it answered").isEqualTo(4);
        assertThat(report(range + "&by=rule").getList("groups.key")).containsExactly(rule);

        given().header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/analytics/education-effect?by=colour&from=x")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("from"));
        given().header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/analytics/education-effect?by=colour")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("by"));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/analytics/education-effect").then().statusCode(403);
    }

    /**
     * A customer with three errors on setup.wifi at {@code start} (PP-REPEATED-ERRORS → an education request), education
     * -service's decision on it, and optionally a recurrence {@code recurDay} days later and CSAT answers 5 days before
     * and 15 days after.
     */
    private static void customer(OffsetDateTime start, boolean heldOut, String content, Integer recurDay,
                                 Double csatBefore, Double csatAfter) {
        Customer customer = new Customer(start);
        if (csatBefore != null) {
            customer.survey(-5 * DAY, "CSAT", csatBefore);
        }
        errors(customer, 0);
        JsonPath painPoints = customer.awaitPainPoint("PP-REPEATED-ERRORS");
        String painPointId = painPoints.getString("items.find { it.ruleId == 'PP-REPEATED-ERRORS' }.id");
        String interventionId = await().atMost(Duration.ofSeconds(20)).until(() -> customer.painPoints(false)
                .getString("items.find { it.id == '" + painPointId + "' }.interventions.find { it.type == 'EDUCATION' }.id"),
                java.util.Objects::nonNull);
        ObjectNode decision = JsonNodeFactory.instance.objectNode().put("customerId", customer.id)
                .put("assignmentId", "as-" + UUID.randomUUID()).put("reason", "PP-REPEATED-ERRORS")
                .put("painPointId", painPointId).put("topic", "setup.wifi").put("interventionId", interventionId);
        if (!heldOut) {
            decision.put("contentId", content);
        }
        customer.send(Topics.EDUCATION, heldOut ? "io.journeyline.education.held-out" : "io.journeyline.education.assigned",
                "/journeyline/education-service", 60, decision);
        if (recurDay != null) {
            errors(customer, recurDay * DAY);
        }
        if (csatAfter != null) {
            customer.survey(15 * DAY, "CSAT", csatAfter);
        }
    }

    private static void errors(Customer customer, int minutes) {
        for (int i = 0; i < 3; i++) {
            customer.touchpoint(minutes + i, "app", "setup.wifi", "error", NONE);
        }
    }

    private static String counts(JsonPath report) {
        return report.getString("total.treated") + " " + report.getString("total.heldOut") + " "
                + report.getString("total.treatedPending") + " | " + report.getString("total.recurrence.treatedCount")
                + " " + report.getString("total.recurrence.heldOutCount") + " | "
                + report.getString("total.csatChange.treatedN") + " " + report.getString("total.csatChange.heldOutN");
    }

    private static JsonPath report(String query) {
        return given().header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/analytics/education-effect?" + query)
                .then().statusCode(200).extract().jsonPath();
    }
}
