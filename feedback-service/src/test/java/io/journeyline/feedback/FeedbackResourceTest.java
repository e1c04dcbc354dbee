package io.journeyline.feedback;

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
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FeedbackResourceTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Inject
    TestClock clock;

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
        List<ConsumerRecord<String, byte[]>> published = TestKafka.readAll(Topics.FEEDBACK,
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
    void theTextsSentimentIsScoredInEnglishAndChineseAndPublishedWithIt() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        assertSentiment(customer, "The courier was rude and my parcel arrived broken. Terrible service.", "en",
                score -> assertThat(score).isLessThan(-0.5));
        assertSentiment(customer, "客服态度很好，问题很快就解决了，非常满意", "zh", score -> assertThat(score).isGreaterThan(0.5));
        assertThat(published(customer, 2).stream().map(data -> data.get("sentiment").asDouble()).toList())
                .satisfiesExactly(en -> assertThat(en).isLessThan(-0.5), zh -> assertThat(zh).isGreaterThan(0.5));
    }

    @Test
    void aSendersOwnSentimentIsKept() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "praise", "category", "OTHER", "channel", "chat",
                        "text", "Terrible service.", "sentiment", 0.25))
                .post("/api/v1/feedback").then().statusCode(201)
                .body("sentiment.score", equalTo(0.25f)).body("sentiment.source", equalTo("sender"));
        assertThat(published(customer, 1).get(0).get("sentiment").asDouble()).isEqualTo(0.25);
    }

    @Test
    void feedbackTakenEarlierKeepsItsTimeInTheStoreAndOnTheEvent() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        OffsetDateTime takenAt = OffsetDateTime.now(clock).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "question", "category", "OTHER", "channel", "store",
                        "touchpoint", "returns-desk", "receivedAt", takenAt.toString()))
                .post("/api/v1/feedback").then().statusCode(201).body("touchpoint", equalTo("returns-desk"))
                .body("sentiment", nullValue());
        ConsumerRecord<String, byte[]> record = TestKafka.read(Topics.FEEDBACK, r -> customer.equals(r.key()), 1,
                Duration.ofSeconds(15)).get(0);
        assertThat(OffsetDateTime.parse(TestKafka.header(record, "ce_time"))).isAtSameInstantAs(takenAt);
        assertThat(EventJson.mapper().readTree(record.value()).get("touchpoint").asText()).isEqualTo("returns-desk");
    }

    @Test
    void receivedAtOutsideTheWindowAndASentimentOutOfRangeAreNamedWithTheOtherBadFields() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (OffsetDateTime bad : List.of(now.plusHours(1), now.minusDays(31))) {
            given().header("Authorization", AGENT).contentType("application/json")
                    .body(Map.of("customerId", "c-1", "kind", "rant", "category", "OTHER", "channel", "web",
                            "receivedAt", bad.toString(), "sentiment", 1.5))
                    .post("/api/v1/feedback")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("kind", "receivedAt", "sentiment"));
        }
    }

    @Test
    void textTheDatabaseCouldNotStoreIsABadFieldNotAServerError() {
        given().header("Authorization", AGENT).contentType("application/json")
                .body("{\"customerId\": \"c-1\", \"kind\": \"praise\", \"category\": \"OTHER\", \"channel\": \"web\","
                        + " \"text\": \"bad\\u0000text\", \"topic\": \"\\ud800\"}")
                .post("/api/v1/feedback")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("text", "topic"));
    }

    private static void assertSentiment(String customer, String text, String language,
                                        java.util.function.Consumer<Double> score) {
        JsonPath view = given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "suggestion", "category", "OTHER", "channel", "web",
                        "text", text))
                .post("/api/v1/feedback").then().statusCode(201).extract().jsonPath();
        assertThat(view.getString("sentiment.source")).isEqualTo("computed");
        assertThat(view.getString("sentiment.language")).isEqualTo(language);
        score.accept(view.getDouble("sentiment.score"));
    }

    /** The data of the customer's feedback.received events, in order. */
    private static List<JsonNode> published(String customer, int count) throws Exception {
        List<JsonNode> data = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TestKafka.readAll(Topics.FEEDBACK, r -> customer.equals(r.key())
                && "io.journeyline.feedback.received".equals(TestKafka.header(r, "ce_type")), count, Duration.ofSeconds(15))) {
            data.add(EventJson.mapper().readTree(record.value()));
        }
        assertThat(data).hasSize(count);
        return data;
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
