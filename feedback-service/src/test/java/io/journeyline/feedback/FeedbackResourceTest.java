package io.journeyline.feedback;

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
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FeedbackResourceTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Test
    void complaintIsStoredAndPublishedAsABinaryModeCloudEvent() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String location = given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "complaint", "category", "BILLING_FEES", "channel", "phone",
                        "topic", "billing", "text", "billing is confusing", "severity", "HIGH"))
                .post("/api/v1/feedback")
                .then().statusCode(201).header("Location", startsWith("http"))
                .body("kind", equalTo("complaint")).extract().header("Location");

        String id = given().header("Authorization", AGENT).get(location)
                .then().statusCode(200).body("customerId", equalTo(customer)).body("topic", equalTo("billing"))
                .extract().path("id");

        // (a complaint also opens a case: case.opened follows on the same topic)
        List<ConsumerRecord<String, byte[]>> published = TestKafka.read(Topics.FEEDBACK,
                record -> customer.equals(record.key())
                        && "io.journeyline.feedback.received".equals(TestKafka.header(record, "ce_type")),
                1, Duration.ofSeconds(15));
        assertThat(published).hasSize(1);
        ConsumerRecord<String, byte[]> record = published.get(0);
        assertThat(TestKafka.header(record, "ce_type")).isEqualTo("io.journeyline.feedback.received");
        assertThat(TestKafka.header(record, "ce_source")).isEqualTo("/journeyline/feedback-service");
        assertThat(TestKafka.header(record, "ce_subject")).isEqualTo(customer);
        assertThat(TestKafka.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TestKafka.header(record, "ce_time")).isNotBlank();
        assertThat(TestKafka.header(record, "content-type")).isEqualTo("application/json");
        var data = EventJson.mapper().readTree(record.value());
        assertThat(data.get("feedbackId").asText()).isEqualTo(id);
        assertThat(data.get("category").asText()).isEqualTo("BILLING_FEES");
    }

    @Test
    void invalidFeedbackNamesEveryBadField() {
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", "c-1", "kind", "rant", "channel", "fax"))
                .post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("category", "channel", "kind"));
        given().header("Authorization", AGENT).contentType("application/json").body("{\"customerId\": ")
                .post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownFeedbackIs404AndRolesAreEnforced() {
        given().header("Authorization", AGENT).get("/api/v1/feedback/nope").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/feedback/nope").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.INGEST)).get("/api/v1/feedback/nope").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType("application/json").body("{}")
                .post("/api/v1/feedback").then().statusCode(403);
    }
}
