package io.journeyline.education;

import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsInAnyOrder;

/** The completion report over assignments made and completed at known times (the clock is moved). */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CompletionAnalyticsTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    TestClock clock;

    @Test
    void completionRateWithItsIntervalAndMedianTimeToCompleteEachWithN() {
        clock.advance(Duration.ofDays(2000));                       // a period no other test's assignments fall into
        try {
            Instant start = clock.instant();
            String topic = "billing-" + UUID.randomUUID();
            String lesson = Catalog.content("fees-" + topic, "article", topic);
            String path = Catalog.path("fees-path-" + UUID.randomUUID().toString().substring(0, 8), topic,
                    Catalog.units(lesson, List.of()));
            List<String> four = List.of(assign(lesson, "PP-LOW-CSAT"), assign(lesson, "PP-LOW-CSAT"),
                    assign(lesson, "PP-LOW-CSAT"), assign(lesson, "agent"));
            assignPath(path);

            clock.advance(Duration.ofHours(1));
            complete(four.get(0));
            clock.advance(Duration.ofHours(1));
            complete(four.get(1));
            clock.advance(Duration.ofHours(2));
            complete(four.get(2));

            String range = "from=" + start.minus(1, ChronoUnit.MINUTES) + "&to=" + start.plus(1, ChronoUnit.DAYS);
            JsonPath byContent = report(range + "&by=content");
            // 4 assigned, 3 completed after 1 h, 2 h and 4 h: 75 %, median 2 h (the middle of three). The 95 % Wilson
            // interval for 3 of 4, worked by hand with z = 1.95996: centre (p + z²/2n)/(1 + z²/n) = 0.62753, half-width
            // z·√(p(1−p)/n + z²/4n²)/(1 + z²/n) = 0.32689 → 30.06 % to 95.44 %.
            assertThat(byContent.getList("groups.key")).containsExactly(lesson);
            assertThat(byContent.getLong("groups[0].assigned")).isEqualTo(4);
            assertThat(byContent.getLong("groups[0].completed")).isEqualTo(3);
            assertThat(byContent.getLong("groups[0].open")).isEqualTo(1);
            assertThat(byContent.getLong("groups[0].completionRate.n")).isEqualTo(4);
            assertThat(byContent.getDouble("groups[0].completionRate.percent")).isEqualTo(75.0);
            assertThat(byContent.getDouble("groups[0].completionRate.lower95")).isCloseTo(30.06, within(0.01));
            assertThat(byContent.getDouble("groups[0].completionRate.upper95")).isCloseTo(95.44, within(0.01));
            assertThat(byContent.getLong("groups[0].timeToComplete.n")).isEqualTo(3);
            // the test clock is wall time plus an offset: the seconds the requests take pass too
            assertThat(byContent.getDouble("groups[0].timeToComplete.medianSeconds")).isBetween(7200.0, 7260.0);
            assertThat(byContent.getString("groups[0].timeToComplete.median")).startsWith("PT2H");
            assertThat(byContent.getLong("total.assigned")).as("the path's assignment too").isEqualTo(5);
            assertThat(byContent.getLong("total.completed")).isEqualTo(3);

            JsonPath byPath = report(range + "&by=path");
            assertThat(byPath.getList("groups.key")).containsExactly(path);
            assertThat(byPath.getDouble("groups[0].completionRate.percent")).isEqualTo(0.0);
            assertThat(byPath.getString("groups[0].timeToComplete.median")).as("nothing completed: no median").isNull();

            JsonPath byRule = report(range + "&by=rule");
            assertThat(byRule.getList("groups.key")).containsExactly("PP-LOW-CSAT", "agent", "onboarding");
            assertThat(byRule.getDouble("groups[0].completionRate.percent")).isEqualTo(100.0);

            assertThat(report(range + "&by=period&period=day").getList("groups.key"))
                    .containsExactly(start.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10));
        } finally {
            clock.advance(Duration.ofDays(2000).plusHours(4).negated());   // the other tests' clock as they expect it
        }
    }

    @Test
    void aBadRequestNamesEveryBadParameterAndOnlySupervisorsSeeTheReport() {
        given().header("Authorization", SUPERVISOR)
                .get("/api/v1/analytics/completion?by=colour&period=year&from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("from", "by", "period"));
        given().header("Authorization", AGENT).get("/api/v1/analytics/completion").then().statusCode(403);
    }

    private static String assign(String content, String reason) {
        return given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", content, "reason", reason))
                .post("/api/v1/customers/cust-" + UUID.randomUUID() + "/assignments").then().statusCode(201)
                .extract().path("id");
    }

    private static void assignPath(String path) {
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("pathId", path, "reason", "onboarding"))
                .post("/api/v1/customers/cust-" + UUID.randomUUID() + "/assignments").then().statusCode(201);
    }

    private static void complete(String assignment) {
        given().header("Authorization", INGEST).contentType("application/json").body(Map.of("status", "COMPLETED"))
                .post("/api/v1/assignments/" + assignment + "/progress").then().statusCode(200);
    }

    private static JsonPath report(String query) {
        return given().header("Authorization", SUPERVISOR).get("/api/v1/analytics/completion?" + query).then()
                .statusCode(200).extract().jsonPath();
    }
}
