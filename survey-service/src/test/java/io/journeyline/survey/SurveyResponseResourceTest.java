package io.journeyline.survey;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SurveyResponseResourceTest {
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);

    @Inject
    TestClock clock;

    @Test
    void responseIsStoredAndPublishedWithTheTimeTheCustomerAnswered() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        // answered to an IVR eight days ago, imported now
        OffsetDateTime answeredAt = OffsetDateTime.now(clock).minusDays(8).withOffsetSameInstant(ZoneOffset.ofHours(1))
                .truncatedTo(ChronoUnit.SECONDS);
        String location = given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("customerId", customer, "surveyKind", "NPS", "score", 3, "comment", "billing is confusing",
                        "respondedAt", answeredAt.toString()))
                .post("/api/v1/surveys/nps-q4/responses")
                .then().statusCode(201).extract().header("Location");

        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).get(location)
                .then().statusCode(200).body("surveyKind", equalTo("NPS")).body("score", equalTo(3));

        List<ConsumerRecord<String, byte[]>> published = TestKafka.readAll(Topics.FEEDBACK,
                record -> customer.equals(record.key()), 1, Duration.ofSeconds(15));
        assertThat(published).hasSize(1);
        assertThat(TestKafka.header(published.get(0), "ce_type")).isEqualTo("io.journeyline.survey.responded");
        assertThat(OffsetDateTime.parse(TestKafka.header(published.get(0), "ce_time"))).isAtSameInstantAs(answeredAt);
        var data = EventJson.mapper().readTree(published.get(0).value());
        assertThat(data.at("/scores/primary").asDouble()).isEqualTo(3.0);
        assertThat(data.get("surveyId").asText()).isEqualTo("nps-q4");
        assertThat(data.get("comment").asText()).isEqualTo("billing is confusing");
    }

    @Test
    void scoresOffTheKindsScaleAreRejected() {
        assertScoreRejected("NPS", 11, "NPS scores run from 0 to 10");
        assertScoreRejected("CSAT", 0, "CSAT scores run from 1 to 5");
        assertScoreRejected("CES", 8, "CES scores run from 1 to 7");
        assertScoreRejected("NPS", 7.5, "NPS scores are whole numbers");
    }

    @Test
    void unknownKindAndMissingFieldsAreNamed() {
        given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("customerId", "c-1", "surveyKind", "SMILEY", "score", 1))
                .post("/api/v1/surveys/s/responses")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("surveyKind"));
        given().header("Authorization", INGEST).contentType("application/json").body(Map.of("surveyKind", "CES"))
                .post("/api/v1/surveys/s/responses")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("customerId", "score"));
    }

    @Test
    void anAnswerDatedInTheFutureOrTooLongAgoIsNamedWithTheOtherBadFields() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the defaults: 5 minutes of clock skew ahead, 90 days back
        for (OffsetDateTime bad : List.of(now.plusMinutes(6), now.minusDays(91))) {
            given().header("Authorization", INGEST).contentType("application/json")
                    .body(Map.of("surveyKind", "SMILEY", "score", 1, "respondedAt", bad.toString()))
                    .post("/api/v1/surveys/s/responses")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.contains("customerId", "respondedAt", "surveyKind"))
                    .body("errors[1].message", equalTo("must lie within the last 90 days and not more than 5 minutes ahead"));
        }
        given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("customerId", "c-1", "surveyKind", "CSAT", "score", 4,
                        "respondedAt", now.minusDays(89).toString()))
                .post("/api/v1/surveys/s/responses").then().statusCode(201);
    }

    @Test
    void idsInPathsLongerThanTheContractsAreRefusedNamingThem() {
        String tooLong = "s".repeat(129);
        given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("customerId", "cust-1", "surveyKind", "NPS", "score", 9))
                .post("/api/v1/surveys/" + tooLong + "/responses")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("surveyId"));
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType("application/json")
                .body(Map.of("customers", List.of(Map.of("customerId", "cust-1")), "channel", "email"))
                .post("/api/v1/surveys/" + tooLong + "/waves")
                .then().statusCode(400).body("errors[0].field", equalTo("surveyId"));
        given().header("Authorization", TestTokens.bearer(Roles.AGENT))
                .get("/api/v1/customers/" + "c".repeat(129) + "/invitations")
                .then().statusCode(400).body("errors[0].field", equalTo("customerId"));
        given().get("/api/v1/responses/" + "t".repeat(129)).then().statusCode(400).body("errors[0].field", equalTo("token"));
    }

    @Test
    void rolesAreEnforced() {
        given().contentType("application/json").body("{}").post("/api/v1/surveys/s/responses").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).contentType("application/json").body("{}")
                .post("/api/v1/surveys/s/responses").then().statusCode(403);
    }

    private static void assertScoreRejected(String kind, Number score, String message) {
        given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("customerId", "c-1", "surveyKind", kind, "score", score))
                .post("/api/v1/surveys/s/responses")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("score")).body("errors[0].message", equalTo(message));
    }
}
