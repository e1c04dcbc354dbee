package io.journeyline.journey;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The touchpoint and funnel reports over customers whose events happen on a day in 2019 no other test uses, with
 * figures worked by hand.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AnalyticsTest {
    private static final Map<String, Object> NONE = Map.of();

    @Test
    void perTouchpointAndChannelVolumeFailuresPainPointsAndSatisfactionEachWithN() {
        OffsetDateTime t0 = OffsetDateTime.parse("2019-03-01T08:00:00Z");
        String login = "login-" + UUID.randomUUID();
        Customer a = new Customer(t0);
        for (int i = 0; i < 3; i++) {
            a.touchpoint(i, "app", login, "error", NONE);                    // three errors: PP-REPEATED-ERRORS
        }
        a.survey(10, "CSAT", 2, login);
        Customer b = new Customer(t0);
        b.touchpoint(0, "app", login, "login", Map.of("outcome", "success"));
        b.survey(10, "CSAT", 4, login);
        b.survey(11, "CES", 6, login);
        Customer c = new Customer(t0);
        c.touchpoint(0, "web", login, "login", Map.of("outcome", "failure"));
        a.awaitPainPoint("PP-REPEATED-ERRORS");

        String range = "from=2019-03-01T00:00:00Z&to=2019-03-02T00:00:00Z";
        JsonPath report = await().atMost(Duration.ofSeconds(20)).until(() -> report("touchpoints", range),
                // every event in: the three customers' events travel on different partitions, in no common order
                r -> r.getInt("items.find { it.touchpoint == '" + login + "' }.csat.n") == 2
                        && r.getInt("items.find { it.touchpoint == '" + login + "' }.ces.n") == 1
                        && r.getInt("items.find { it.touchpoint == '" + login + "' }.customers") == 3);
        String path = "items.find { it.touchpoint == '" + login + "' }";
        // 5 events of 3 customers; 4 failed (3 errors, 1 failure): 80 %; 1 of the 3 customers has a pain point about it
        assertThat(report.getLong(path + ".volume")).isEqualTo(5);
        assertThat(report.getLong(path + ".customers")).isEqualTo(3);
        assertThat(report.getDouble(path + ".failureRate.percent")).isEqualTo(80.0);
        assertThat(report.getLong(path + ".failureRate.n")).isEqualTo(5);
        assertThat(report.getLong(path + ".painPointRate.count")).isEqualTo(1);
        assertThat(report.getLong(path + ".painPointRate.n")).isEqualTo(3);
        // CSAT 2 and 4: mean 3, sample variance 2, 95 % t interval 3 ± t(0.975, 1) · √(2/2) = 3 ± 12.7062
        assertThat(report.getDouble(path + ".csat.mean")).isEqualTo(3.0);
        assertThat(report.getDouble(path + ".csat.lower95")).isCloseTo(-9.7062, within(0.0001));
        assertThat(report.getDouble(path + ".csat.upper95")).isCloseTo(15.7062, within(0.0001));
        assertThat(report.getDouble(path + ".ces.mean")).isEqualTo(6.0);
        assertThat(report.getString(path + ".ces.lower95")).as("one answer: no interval").isNull();
        // per channel: app 4 events of 2 customers, 3 failed; web 1 event, 1 failed
        assertThat(report.getList(path + ".channels.channel")).containsExactly("app", "web");
        assertThat(report.getLong(path + ".channels[0].volume")).isEqualTo(4);
        assertThat(report.getLong(path + ".channels[0].failureRate.count")).isEqualTo(3);
        assertThat(report.getDouble(path + ".channels[0].painPointRate.percent")).isEqualTo(50.0);
        assertThat(report.getDouble(path + ".channels[1].failureRate.percent")).isEqualTo(100.0);
    }

    @Test
    void theFunnelOfACohortReachedStageByStageWithConversionAndDropOff() {
        OffsetDateTime t0 = OffsetDateTime.parse("2019-04-01T08:00:00Z");
        Customer bought = new Customer(t0);
        bought.touchpoint(0, "web", "shop.checkout", "purchase", Map.of("stage", "PURCHASE"));
        Customer using = new Customer(t0);
        using.touchpoint(0, "app", "setup.start", "open", Map.of("stage", "ONBOARDING"));
        using.touchpoint(60, "app", "home", "open", Map.of("stage", "USAGE"));
        Customer browsing = new Customer(t0);
        browsing.touchpoint(0, "web", "home", "view", NONE);
        Customer unhappy = new Customer(t0);
        unhappy.touchpoint(0, "web", "pricing", "view", Map.of("stage", "CONSIDERATION"));
        unhappy.complaint(30, "BILLING_FEES", "pricing", null);

        String range = "from=2019-04-01T00:00:00Z&to=2019-04-02T00:00:00Z";
        JsonPath funnel = await().atMost(Duration.ofSeconds(20)).until(() -> report("funnel", range),
                r -> r.getInt("cohort") == 4 && r.getInt("sideStates.find { it.stage == 'AT_RISK' }.ofCohort.count") == 1
                        && r.getInt("steps.find { it.stage == 'USAGE' }.reached") == 1);
        // reached (that stage or later): 4, 3, 2, 1, 1, 0; conversion from the stage before 3/4, 2/3, 1/2, 1/1, 0/1
        assertThat(funnel.getList("steps.stage")).containsExactly("AWARENESS", "CONSIDERATION", "PURCHASE", "ONBOARDING",
                "USAGE", "LOYAL");
        assertThat(funnel.getList("steps.reached", Integer.class)).containsExactly(4, 3, 2, 1, 1, 0);
        assertThat(funnel.getList("steps.dropOff", Integer.class)).containsExactly(0, 1, 1, 1, 0, 1);
        assertThat(funnel.getDouble("steps[1].conversionFromPrevious.percent")).isEqualTo(75.0);
        assertThat(funnel.getDouble("steps[2].conversionFromPrevious.percent")).isCloseTo(66.667, within(0.001));
        assertThat(funnel.getLong("steps[2].conversionFromPrevious.n")).isEqualTo(3);
        assertThat(funnel.getDouble("steps[5].conversionFromPrevious.percent")).isEqualTo(0.0);
        assertThat(funnel.getString("steps[0].conversionFromPrevious")).isNull();
        assertThat(funnel.getDouble("sideStates.find { it.stage == 'AT_RISK' }.ofCohort.percent")).isEqualTo(25.0);
    }

    @Test
    void aBadPeriodIsNamedAndOnlySupervisorsSeeTheReports() {
        given().header("Authorization", JourneyApi.SUPERVISOR)
                .get("/api/v1/analytics/funnel?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
        given().header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/analytics/touchpoints?to=yesterday").then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        for (String report : List.of("touchpoints", "funnel")) {
            given().header("Authorization", JourneyApi.AGENT).get("/api/v1/analytics/" + report).then().statusCode(403);
        }
    }

    private static JsonPath report(String name, String query) {
        return given().header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/analytics/" + name + "?" + query)
                .then().statusCode(200).extract().jsonPath();
    }
}
