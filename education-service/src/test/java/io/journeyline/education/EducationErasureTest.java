package io.journeyline.education;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestErasures;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * education-service erasing a customer journey-service asked it to: the learner, pushes and timers go; assignments
 * stay for the completion figures under a stand-in.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class EducationErasureTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    Pseudonyms pseudonyms;
    @Inject
    TestClock clock;

    @Test
    void theLearnerAndTheTimersGoTheAssignmentsStayForTheFigures() {
        String customer = "cust-" + UUID.randomUUID();
        String content = Catalog.content("erasure-" + UUID.randomUUID(), "article", "wifi");
        ObjectNode stage = JsonNodeFactory.instance.objectNode().put("customerId", customer).put("from", "PURCHASE")
                .put("to", "ONBOARDING").put("cause", "e-" + UUID.randomUUID());
        TestKafka.produce(Topics.INSIGHTS, customer, TestEvents.envelope("io.journeyline.journey.stage-changed",
                        "/journeyline/journey-service", customer, OffsetDateTime.now(clock), stage).toString(),
                Map.of("content-type", "application/cloudevents+json"));
        String done = assign(customer, content);
        progress(done, Map.of("status", "COMPLETED", "score", 80));
        String started = assign(customer, content);
        progress(started, Map.of("status", "STARTED"));
        await().atMost(Duration.ofSeconds(15)).until(() -> DatabaseScan.ofThisTest().tablesHolding(customer)
                .stream().anyMatch(table -> table.startsWith("learners")));
        assertThat(DatabaseScan.ofThisTest().tablesHolding(started)).anyMatch(table -> table.startsWith("platform_timers"));
        Map<String, Object> completion = completion();

        String erasureId = TestErasures.request(OffsetDateTime.now(clock), customer);

        JsonNode receipt = TestErasures.awaitReceipt(Topics.EDUCATION, erasureId);
        assertThat(receipt.get("service").asText()).isEqualTo("education-service");
        assertThat(receipt.get("customerHmac").asText()).isEqualTo(pseudonyms.of(customer));
        assertThat(receipt.get("counts").get("assignments").asLong()).isEqualTo(2);
        assertThat(receipt.get("counts").get("learners").asLong()).isEqualTo(1);
        assertThat(TestErasures.awaitCancellation(customer).get("erasureId").asText()).isEqualTo(erasureId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DatabaseScan.ofThisTest().tablesHolding(customer)).isEmpty());
        assertThat(DatabaseScan.ofThisTest().tablesHolding(started)).noneMatch(table -> table.startsWith("platform_timers"));
        assertThat(completion()).as("the figures already reported").isEqualTo(completion);
        given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/assignments").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    private static String assign(String customer, String content) {
        return given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", content, "reason", "PP-REPEATED-ERRORS"))
                .post("/api/v1/customers/" + customer + "/assignments")
                .then().statusCode(201).extract().path("id");
    }

    private static void progress(String assignment, Map<String, Object> body) {
        given().header("Authorization", INGEST).contentType("application/json").body(body)
                .post("/api/v1/assignments/" + assignment + "/progress").then().statusCode(200);
    }

    /** Completion over the default period, without the period's bounds (they move with the clock). */
    private static Map<String, Object> completion() {
        Map<String, Object> completion = new HashMap<>(given().header("Authorization", SUPERVISOR)
                .get("/api/v1/analytics/completion").then().statusCode(200).extract().jsonPath().getMap(""));
        completion.keySet().removeAll(List.of("from", "to"));
        return completion;
    }
}
