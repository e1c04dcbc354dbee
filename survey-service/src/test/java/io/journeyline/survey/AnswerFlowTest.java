package io.journeyline.survey;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * A customer answering through the link of their invitation, as the delivery gateway hands it to them: the token
 * taken from {@code delivery.requested} on journey.outbound, no login.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AnswerFlowTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    TestClock clock;

    @Test
    void theCustomerAnswersInTheirLanguageSavesPartlyCompletesOnceAndTheResponseIsPublished() throws Exception {
        String survey = defineOnboardingSurvey();
        String customer = "cust-" + UUID.randomUUID();
        String token = invite(survey, customer, "zh-CN");

        JsonPath form = given().get("/api/v1/responses/" + token).then().statusCode(200).extract().jsonPath();
        assertThat(form.getString("language")).isEqualTo("zh-CN");
        assertThat(form.getString("items[0].text")).isEqualTo("您有多大可能向朋友或同事推荐我们？");
        assertThat(form.getInt("items[0].min")).isEqualTo(0);
        assertThat(form.getInt("items[0].max")).isEqualTo(10);
        assertThat(form.getString("items[2].options[1].text")).isEqualTo("在门店");
        assertThat(form.getString("items[3].text")).as("no Chinese text: the default language").isEqualTo("What did you like?");

        given().contentType("application/json").body(Map.of("answers", Map.of("setup-ease", 2), "complete", false))
                .post("/api/v1/responses/" + token).then().statusCode(200).body("answers.setup-ease", equalTo(2));
        given().contentType("application/json")
                .body(Map.of("answers", Map.of("recommend", 12, "channel", "fax", "nope", 1), "complete", false))
                .post("/api/v1/responses/" + token).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("answers.recommend", "answers.channel", "answers.nope"));
        given().contentType("application/json").body("{\"answers\": {\"why\": \"a\\u0000b\"}, \"complete\": false}")
                .post("/api/v1/responses/" + token).then().statusCode(400).body("errors.field", contains("answers.why"));
        given().contentType("application/json").body(Map.of("answers", Map.of("channel", "app"), "complete", true))
                .post("/api/v1/responses/" + token).then().statusCode(400)
                .body("errors.field", contains("answers.recommend"));

        given().contentType("application/json").body(Map.of("answers",
                        Map.of("recommend", 3, "liked", List.of("price"), "why", "安装太慢了，非常失望"), "complete", true))
                .post("/api/v1/responses/" + token).then().statusCode(200).body("status", equalTo("COMPLETED"));

        JsonNode responded = EventJson.mapper().readTree(TestKafka.read(Topics.FEEDBACK, r -> customer.equals(r.key())
                && "io.journeyline.survey.responded".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(15))
                .get(0).value());
        assertThat(responded.get("surveyId").asText()).isEqualTo(survey);
        assertThat(responded.get("surveyVersion").asInt()).isEqualTo(1);
        assertThat(responded.get("scores").get("primary").asDouble()).isEqualTo(3);
        assertThat(responded.get("scores").get("setup-ease").asDouble()).as("the partial save counts").isEqualTo(2);
        assertThat(responded.get("themeScores").get("CONVENIENCE").asDouble()).isEqualTo(2);
        assertThat(responded.get("comment").asText()).isEqualTo("安装太慢了，非常失望");
        assertThat(responded.get("sentiment").asDouble()).isNegative();
        assertThat(responded.get("invitationId").asText()).isNotBlank();

        given().contentType("application/json").body(Map.of("answers", Map.of("recommend", 10), "complete", true))
                .post("/api/v1/responses/" + token).then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/responses/" + token).then().statusCode(409);
    }

    @Test
    void anExpiredLinkIsGoneAndAnUnknownOneIsNotFound() {
        String token = invite("relationship-nps", "cust-" + UUID.randomUUID(), null);
        given().get("/api/v1/responses/" + token).then().statusCode(200).body("language", equalTo("en"));
        clock.advance(Duration.ofDays(15));                  // links live 14 days
        given().get("/api/v1/responses/" + token).then().statusCode(410).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("answers", Map.of("recommend", 9), "complete", true))
                .post("/api/v1/responses/" + token).then().statusCode(410);
        given().get("/api/v1/responses/" + "x".repeat(43)).then().statusCode(404);
    }

    private static String defineOnboardingSurvey() {
        var definition = Surveys.onboardingWithFreshId();
        given().header("Authorization", ADMIN).contentType("application/json").body(definition.toString())
                .post("/api/v1/surveys").then().statusCode(201);
        return definition.get("id").asText();
    }

    /** Invites the customer with a wave and takes the link's token from journey.outbound, as a gateway would. */
    static String invite(String survey, String customer, String language) {
        Map<String, Object> who = language == null ? Map.of("customerId", customer)
                : Map.of("customerId", customer, "language", language);
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("customers", List.of(who))).post("/api/v1/surveys/" + survey + "/waves")
                .then().statusCode(200).body("sent", equalTo(1));
        String link = new String(TestKafka.read(Topics.OUTBOUND, r -> customer.equals(r.key()), 1, Duration.ofSeconds(15))
                .get(0).value());
        try {
            return EventJson.mapper().readTree(link).get("link").asText().replaceFirst(".*/", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
