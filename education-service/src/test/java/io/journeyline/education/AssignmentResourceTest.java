package io.journeyline.education;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AssignmentResourceTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);

    @Test
    void assignmentAndProgressArePublishedInOrderAndOnlyOnChange() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        Catalog.content("router-basics", "article", "router");
        String id = assign(customer, Map.of("contentId", Catalog.content("wifi-setup", "interactive-tutorial", "wifi"),
                "reason", "PP-REPEATED-ERRORS"));

        progress(id, Map.of("status", "STARTED")).statusCode(200).body("status", equalTo("STARTED"));
        progress(id, Map.of("status", "STARTED")).statusCode(200);
        progress(id, Map.of("status", "COMPLETED", "score", 90)).statusCode(200)
                .body("status", equalTo("COMPLETED")).body("score", equalTo(90));
        progress(id, Map.of("status", "STARTED")).statusCode(409).contentType("application/problem+json");

        given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/assignments")
                .then().statusCode(200).body("id", contains(id)).body("[0].completedAt", org.hamcrest.Matchers.notNullValue());

        // A later assignment is the sentinel: the customer's events are published in commit order on one partition,
        // so once it is on the topic, every event the progress reports published is there before it.
        String sentinel = assign(customer, Map.of("contentId", "router-basics", "reason", "sentinel"));
        List<ConsumerRecord<String, byte[]>> published = TestKafka.readUntil(Topics.EDUCATION,
                record -> customer.equals(record.key()),
                record -> new String(record.value(), java.nio.charset.StandardCharsets.UTF_8).contains(sentinel),
                Duration.ofSeconds(15));
        assertThat(published).extracting(record -> TestKafka.header(record, "ce_type")).containsExactly(
                "io.journeyline.education.assigned", "io.journeyline.education.started", "io.journeyline.education.completed",
                "io.journeyline.education.assigned");
        assertThat(EventJson.mapper().readTree(published.get(2).value()).get("score").asDouble()).isEqualTo(90.0);
    }

    @Test
    void aCustomerOrAssignmentIdLongerThanTheContractsIsRefusedNamingIt() {
        String content = Catalog.content("router-basics", "article", "router");
        String tooLong = "c".repeat(129);
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", content, "reason", "x")).post("/api/v1/customers/" + tooLong + "/assignments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));
        given().header("Authorization", AGENT).get("/api/v1/customers/" + tooLong + "/assignments")
                .then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        given().header("Authorization", INGEST).contentType("application/json").body(Map.of("status", "STARTED"))
                .post("/api/v1/assignments/" + "a".repeat(129) + "/progress")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", content, "reason", "x")).post("/api/v1/customers/" + "c".repeat(128) + "/assignments")
                .then().statusCode(201);
    }

    @Test
    void contentOrPathIsRequiredButNotBoth() {
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", "a", "pathId", "b", "reason", "x"))
                .post("/api/v1/customers/c-1/assignments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", equalTo("give exactly one of contentId and pathId"));
    }

    @Test
    void unknownContentOrPathIsRefusedNamingTheField() {
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", "no-such-lesson", "reason", "x")).post("/api/v1/customers/c-1/assignments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("contentId"))
                .body("errors[0].message", equalTo("no content 'no-such-lesson' in the catalog"));
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("pathId", "no-such-path", "reason", "x")).post("/api/v1/customers/c-1/assignments")
                .then().statusCode(400).body("errors[0].field", equalTo("pathId"));
        given().header("Authorization", AGENT).get("/api/v1/customers/c-1/assignments").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void unknownAssignmentIs404AndRolesAreEnforced() {
        progress("nope", Map.of("status", "STARTED")).statusCode(404);
        given().contentType("application/json").body(Map.of("status", "STARTED"))
                .post("/api/v1/assignments/nope/progress").then().statusCode(401);
        given().header("Authorization", AGENT).contentType("application/json").body(Map.of("status", "STARTED"))
                .post("/api/v1/assignments/nope/progress").then().statusCode(403);
    }

    private static String assign(String customer, Map<String, Object> body) {
        return given().header("Authorization", AGENT).contentType("application/json").body(body)
                .post("/api/v1/customers/" + customer + "/assignments")
                .then().statusCode(201).body("status", equalTo("ASSIGNED")).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse progress(String id, Map<String, Object> body) {
        return given().header("Authorization", INGEST).contentType("application/json").body(body)
                .post("/api/v1/assignments/" + id + "/progress").then();
    }
}
