package io.journeyline.feedback;

import io.journeyline.platform.security.Roles;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static io.journeyline.feedback.CaseApi.command;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

/**
 * The outer loop's figures over four cases worked through with a controlled clock, checked against counts and
 * medians worked out by hand below (not by the code under test).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseAnalyticsTest {
    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void rootCausesRecoverySlaAndTimesOverAPeriod() throws Throwable {
        clock.advance(Duration.ofDays(1000));                 // a period no other test's cases fall into
        try {
            workThroughFourCases();
        } finally {
            clock.advance(Duration.ofDays(1000).negated());  // the other tests' clock as they expect it
        }
    }

    private void workThroughFourCases() throws Throwable {
        OffsetDateTime t0 = OffsetDateTime.now(clock);

        // C: acknowledged after 2 h, resolved after 7 h, no follow-up for 14 days → NOT_VERIFIED.
        // D: LOW, never acknowledged → both clocks breach (acknowledge 48 h, resolve 10 days).
        String c = complain("NORMAL", "BILLING_FEES", "app");
        String d = complain("LOW", "OTHER", null);
        clock.advance(Duration.ofHours(2));
        command(c, "acknowledge");
        clock.advance(Duration.ofHours(5));
        command(c, "resolve", Map.of("rootCause", "BILLING_FEES"));
        clock.advance(Duration.ofDays(15).minusHours(7));
        CaseApi.fireDue(poller);

        // A: HIGH, acknowledged after 1 h, resolved after 5 h, the callback says RECOVERED.
        // B: acknowledged after 3 h, resolved after 9 h, the callback says NOT_RECOVERED → reopened (resolve clock again).
        String a = complain("HIGH", "BILLING_FEES", "app");
        String b = complain("NORMAL", "DELIVERY", "store");
        clock.advance(Duration.ofHours(1));
        command(a, "acknowledge");
        clock.advance(Duration.ofHours(2));
        command(b, "acknowledge");
        clock.advance(Duration.ofHours(2));
        command(a, "resolve", Map.of("rootCause", "BILLING_FEES"));
        clock.advance(Duration.ofHours(4));
        command(b, "resolve", Map.of("rootCause", "DELIVERY"));
        command(a, "callback", Map.of("outcome", "RECOVERED"), CaseApi.SUPERVISOR);
        command(b, "callback", Map.of("outcome", "NOT_RECOVERED"), CaseApi.SUPERVISOR);
        CaseApi.fireDue(poller);

        JsonPath figures = given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .queryParam("from", t0.toString()).queryParam("to", OffsetDateTime.now(clock).plusDays(1).toString())
                .get("/api/v1/analytics/cases").then().statusCode(200).extract().jsonPath();

        assertThat(figures.getLong("cases")).isEqualTo(4);
        // A and C: BILLING_FEES at the app; B: DELIVERY at the store; D: no root cause yet, touchpoint unknown.
        assertThat(figures.getList("byRootCause", Map.class)).containsExactly(
                cell("BILLING_FEES", "app", "BILLING_FEES", 2), cell("DELIVERY", "store", "DELIVERY", 1),
                cell(null, null, "OTHER", 1));
        // BILLING_FEES: A recovered, C not verified (apart, not in n) → 1 of 1. DELIVERY: B reopened → n 0, no rate.
        assertThat(figures.getMap("recoveryByRootCause[0]")).containsEntry("rootCause", "BILLING_FEES")
                .containsEntry("n", 1).containsEntry("recovered", 1).containsEntry("recoveryRate", 1.0f)
                .containsEntry("notVerified", 1).containsEntry("awaiting", 0);
        assertThat(figures.getMap("recoveryByRootCause[1]")).containsEntry("rootCause", "DELIVERY")
                .containsEntry("n", 0).doesNotContainKey("recoveryRate").containsEntry("awaiting", 1);
        assertThat(figures.getMap("recovery")).containsEntry("n", 1).containsEntry("notVerified", 1)
                .containsEntry("awaiting", 1);
        // acknowledge: A 1 h < 4 h, B 3 h < 24 h, C 2 h < 24 h met; D breached → 3 of 4.
        // resolve: A 5 h < 48 h, C 7 h < 5 days met; D breached; B's new clock still running → 2 of 3, 1 running.
        assertThat(figures.getMap("sla[0]")).containsEntry("clock", "ACKNOWLEDGE").containsEntry("n", 4)
                .containsEntry("met", 3).containsEntry("breached", 1).containsEntry("compliance", 0.75f);
        assertThat(figures.getMap("sla[1]")).containsEntry("clock", "RESOLVE").containsEntry("n", 3)
                .containsEntry("met", 2).containsEntry("breached", 1).containsEntry("running", 1);
        assertThat(figures.getDouble("sla[1].compliance")).isCloseTo(2.0 / 3, within(1e-6));
        // to acknowledge: 1 h, 2 h, 3 h → median 2 h; to resolve: 5 h, 7 h, 9 h → median 7 h (the test clock also
        // runs with real time, so the steps take their own few milliseconds).
        assertThat(figures.getInt("timeToAcknowledge.n")).isEqualTo(3);
        assertThat(figures.getDouble("timeToAcknowledge.medianSeconds")).isCloseTo(7200, within(30.0));
        assertThat(figures.getString("timeToAcknowledge.median")).startsWith("PT2H");
        assertThat(figures.getInt("timeToResolve.n")).isEqualTo(3);
        assertThat(figures.getDouble("timeToResolve.medianSeconds")).isCloseTo(25200, within(30.0));
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedAndAgentsCannotSeeAnalytics() {
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/analytics/cases").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", CaseApi.AGENT).get("/api/v1/analytics/cases").then().statusCode(403);
    }

    @Test
    void aPeriodLongerThanTheMaximumIsRefusedNamingFromAndTo() {
        // journeyline.analytics.max-period: 400 days by default, the same for every service's reports
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .queryParam("from", "2020-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/v1/analytics/cases").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("from", "to"))
                .body("errors[0].message", containsString("longer than the 400 days a report may cover"));
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .queryParam("from", "2024-12-01T00:00:00Z").queryParam("to", "2026-01-05T00:00:00Z")
                .get("/api/v1/analytics/cases").then().statusCode(200);
    }

    private static String complain(String severity, String category, String touchpoint) {
        Map<String, Object> fields = touchpoint == null ? Map.of("category", category)
                : Map.of("category", category, "touchpoint", touchpoint);
        return CaseApi.complain("cust-" + UUID.randomUUID(), severity, fields);
    }

    private static Map<String, Object> cell(String rootCause, String touchpoint, String category, int n) {
        Map<String, Object> cell = new java.util.HashMap<>();
        cell.put("rootCause", rootCause);
        cell.put("touchpoint", touchpoint);
        cell.put("category", category);
        cell.put("n", n);
        return cell;
    }

}
