package io.journeyline.survey;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestErasures;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** survey-service erasing a customer journey-service asked it to: the person goes, the results stay. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SurveyErasureTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    Pseudonyms pseudonyms;
    @Inject
    TestClock clock;

    @Test
    void theCustomersInvitationAnswerAndCommentGoTheResultsStayAndTheReceiptNamesOnlyTheHmac() {
        var definition = Surveys.onboardingWithFreshId();
        given().header("Authorization", ADMIN).contentType("application/json").body(definition.toString())
                .post("/api/v1/surveys").then().statusCode(201);
        String survey = definition.get("id").asText();
        String customer = "cust-" + UUID.randomUUID();
        String comment = "安装太慢了 " + UUID.randomUUID();
        String token = AnswerFlowTest.invite(survey, customer, "zh-CN");
        given().contentType("application/json").body(Map.of("answers",
                        Map.of("recommend", 3, "liked", List.of("price"), "why", comment), "complete", true))
                .post("/api/v1/responses/" + token).then().statusCode(200).body("status", equalTo("COMPLETED"));
        Map<String, Object> results = results(survey);
        assertThat(DatabaseScan.ofThisTest().tablesHolding(comment)).isNotEmpty();

        String erasureId = TestErasures.request(OffsetDateTime.now(clock), customer);

        JsonNode receipt = TestErasures.awaitReceipt(Topics.FEEDBACK, erasureId);
        assertThat(receipt.get("service").asText()).isEqualTo("survey-service");
        assertThat(receipt.get("customerHmac").asText()).isEqualTo(pseudonyms.of(customer));
        assertThat(receipt.toString()).doesNotContain(customer);
        assertThat(receipt.get("counts").get("invitations").asLong()).isEqualTo(1);
        assertThat(receipt.get("counts").get("survey_responses").asLong()).isEqualTo(1);
        assertThat(TestErasures.awaitCancellation(customer).get("erasureId").asText()).isEqualTo(erasureId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DatabaseScan.ofThisTest().tablesHolding(customer)).isEmpty());
        assertThat(DatabaseScan.ofThisTest().tablesHolding(comment)).isEmpty();
        assertThat(results(survey)).as("the figures already reported").isEqualTo(results);
        given().get("/api/v1/responses/" + token).then().statusCode(404);
        given().header("Authorization", ADMIN).get("/api/v1/customers/" + customer + "/invitations").then()
                .statusCode(200).body("items.size()", equalTo(0));

        // asked again (the customer came back, or an officer repeats it): not dropped as a late event of the erased
        String again = TestErasures.request(OffsetDateTime.now(clock), customer);
        assertThat(TestErasures.awaitReceipt(Topics.FEEDBACK, again).get("customerHmac").asText())
                .isEqualTo(pseudonyms.of(customer));
    }

    /** The survey's results over the default period, without the period's bounds (they move with the clock). */
    private static Map<String, Object> results(String survey) {
        Map<String, Object> results = new java.util.HashMap<>(given().header("Authorization", ADMIN)
                .get("/api/v1/surveys/" + survey + "/results").then().statusCode(200).extract().jsonPath().getMap(""));
        results.keySet().removeAll(List.of("from", "to"));
        return results;
    }
}
