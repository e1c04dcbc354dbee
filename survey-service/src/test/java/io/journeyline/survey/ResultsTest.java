package io.journeyline.survey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Results computed in PostgreSQL against values worked by hand (the formulas are in {@code ScoreTest}'s comments):
 * DOMAIN.md's NPS fixture overall, per touchpoint and per week, the change between weeks in labelled units, and the
 * response rate and theme scores of answers given through invitations.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ResultsTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Test
    void npsOverallPerTouchpointAndPerWeekWithIntervalsAndChanges() {
        String survey = define(Surveys.onboardingWithFreshId());
        // week of 2026-11-02: 10, 9 (checkout), 8 (app); week of 2026-11-09: 7 (app), 6 (checkout), 0 (app)
        record(survey, 10, "checkout", "2026-11-02T10:00:00Z");
        record(survey, 9, "checkout", "2026-11-03T10:00:00Z");
        record(survey, 8, "app", "2026-11-04T10:00:00Z");
        record(survey, 7, "app", "2026-11-09T10:00:00Z");
        record(survey, 6, "checkout", "2026-11-10T10:00:00Z");
        record(survey, 0, "app", "2026-11-11T10:00:00Z");

        JsonPath results = results(survey, "from=2026-11-01T00:00:00Z&to=2026-11-15T00:00:00Z&bucket=week");
        // DOMAIN.md: [10, 9, 8, 7, 6, 0] → P 2, D 2 → NPS 0, ± 65.33 (n 6)
        assertThat(results.getString("headline.measure")).isEqualTo("nps");
        assertThat(results.getInt("headline.n")).isEqualTo(6);
        assertThat(results.getDouble("headline.value")).isCloseTo(0, within(1e-6));
        assertThat(results.getDouble("headline.interval.upper")).isCloseTo(65.33, within(0.01));
        // checkout [10, 9, 6]: P 2, D 1 of 3 → +33.33; app [8, 7, 0]: P 0, D 1 of 3 → −33.33
        assertThat(results.getList("breakdowns.touchpoint.value")).containsExactly("app", "checkout");
        assertThat(results.getDouble("breakdowns.touchpoint[0].score.value")).isCloseTo(-33.33, within(0.01));
        assertThat(results.getDouble("breakdowns.touchpoint[1].score.value")).isCloseTo(33.33, within(0.01));
        // weeks: [10, 9, 8] → +66.67; [7, 6, 0] → −66.67: −133.33 NPS points, −200 % relative
        assertThat(results.getList("trend.start")).containsExactly("2026-11-02", "2026-11-09");
        assertThat(results.getDouble("trend[0].score.value")).isCloseTo(66.67, within(0.01));
        assertThat(results.getDouble("trend[1].change.absolute")).isCloseTo(-133.33, within(0.01));
        assertThat(results.getString("trend[1].change.absoluteUnit")).isEqualTo("NPS points");
        assertThat(results.getDouble("trend[1].change.relativePercent")).isCloseTo(-200, within(0.01));
        assertThat(results.getString("breakdowns.segment[0].value")).isEqualTo("(none)");
    }

    @Test
    void responseRateItemsAndThemesFromAnswersGivenThroughInvitations() {
        String survey = define(Surveys.onboardingWithFreshId());
        String answered = AnswerFlowTest.invite(survey, "cust-" + UUID.randomUUID(), null);
        AnswerFlowTest.invite(survey, "cust-" + UUID.randomUUID(), null);        // sent, never answered
        given().contentType("application/json").body(Map.of("answers", Map.of("recommend", 9, "setup-ease", 4),
                "complete", true)).post("/api/v1/responses/" + answered).then().statusCode(200);

        JsonPath results = results(survey, "bucket=day");
        // 1 of 2 invitations completed: 50 %, Wilson (1, 2): [9.45 %, 90.55 %]
        assertThat(results.getLong("responseRate.invited")).isEqualTo(2);
        assertThat(results.getLong("responseRate.completed")).isEqualTo(1);
        assertThat(results.getDouble("responseRate.rate.value")).isCloseTo(50, within(1e-9));
        assertThat(results.getDouble("responseRate.rate.interval.lower")).isCloseTo(9.45, within(0.01));
        assertThat(results.getList("items.value")).containsExactly("recommend", "setup-ease");
        assertThat(results.getString("items[0].score.unit")).as("recommend is on NPS's 0-10").isEqualTo("0-10");
        // themes are means of 1–5 items: recommend (0–10) is tagged TRUST but does not count
        assertThat(results.getList("themes.value")).containsExactly("CONVENIENCE");
        assertThat(results.getDouble("themes[0].score.value")).isEqualTo(4.0);
        assertThat(results.getList("dimensions.value")).contains("RESPONSIVENESS");
    }

    @Test
    void resultsAcrossSurveysOfAKindNeedTheKindAndAgentsCannotReadThem() {
        given().header("Authorization", SUPERVISOR).get("/api/v1/results?kind=CES").then().statusCode(200);
        given().header("Authorization", SUPERVISOR).get("/api/v1/results").then().statusCode(400);
        given().header("Authorization", SUPERVISOR).get("/api/v1/results?kind=CES&bucket=hour").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).get("/api/v1/results?kind=CES").then().statusCode(403);
    }

    private static String define(ObjectNode definition) {
        given().header("Authorization", ADMIN).contentType("application/json").body(definition.toString())
                .post("/api/v1/surveys").then().statusCode(201);
        return definition.get("id").asText();
    }

    private static void record(String survey, int score, String touchpoint, String at) {
        given().header("Authorization", TestTokens.bearer(Roles.INGEST)).contentType("application/json")
                .body(Map.of("customerId", "cust-" + UUID.randomUUID(), "surveyKind", "NPS", "score", score,
                        "touchpoint", touchpoint, "respondedAt", at))
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
    }

    private static JsonPath results(String survey, String query) {
        return given().header("Authorization", SUPERVISOR).get("/api/v1/surveys/" + survey + "/results?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

}
