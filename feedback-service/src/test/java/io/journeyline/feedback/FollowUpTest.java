package io.journeyline.feedback;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verified closed loop: a resolved case's follow-up survey (survey.responded with the case id, from Kafka) closes it
 * RECOVERED at or above the threshold (NPS ≥ 7) and reopens it below; no follow-up within 14 days closes it NOT_VERIFIED.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FollowUpTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void aFollowUpAtTheThresholdRecoversAndOneBelowReopens() {
        String recovered = resolvedCase("cust-" + UUID.randomUUID());
        String notRecovered = resolvedCase("cust-" + UUID.randomUUID());

        answer(recovered, "NPS", 7);
        answer(notRecovered, "NPS", 6);

        await().atMost(Duration.ofSeconds(20)).until(() -> status(recovered), "CLOSED"::equals);
        assertThat(given().header("Authorization", AGENT).get("/api/v1/cases/" + recovered).then().extract()
                .<String>path("record.outcome")).isEqualTo("RECOVERED");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(notRecovered), "REOPENED"::equals);
    }

    @Test
    void anAnswerNamingAnotherCustomersCaseIsDeadLetteredAndTheCaseStaysAsItWas() {
        String victim = "cust-" + UUID.randomUUID();
        String caseId = resolvedCase(victim);
        String forger = "cust-" + UUID.randomUUID();

        String forged = answer(forger, caseId, "NPS", 10);
        answer(victim, caseId, "NPS", 6);

        // the victim's own answer, after the forged one, is processed: the forged one blocked nothing
        await().atMost(Duration.ofSeconds(20)).until(() -> status(caseId), "REOPENED"::equals);
        ConsumerRecord<String, byte[]> deadLetter = TestKafka.read(Topics.deadLetterTopicOf(Topics.FEEDBACK),
                r -> forger.equals(r.key()), 1, Duration.ofSeconds(20)).stream().findFirst().orElseThrow();
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).contains(forged);
        assertThat(TestKafka.header(deadLetter, "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(deadLetter, "dlq-detail")).contains("caseId '" + caseId + "'",
                "belongs to another customer");
        assertThat(given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().extract()
                .<java.util.List<String>>path("history.note")).noneMatch(note -> note != null && note.contains("NPS 10"))
                .anyMatch(note -> note != null && note.contains("NPS 6.0"));
    }

    @Test
    void noFollowUpWithin14DaysClosesTheCaseNotVerified() throws Throwable {
        String caseId = resolvedCase("cust-" + UUID.randomUUID());

        clock.advance(Duration.ofDays(13));
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
        assertThat(status(caseId)).isEqualTo("RESOLVED");
        clock.advance(Duration.ofDays(2));
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);

        assertThat(status(caseId)).isEqualTo("CLOSED");
        assertThat(given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().extract()
                .<String>path("record.outcome")).isEqualTo("NOT_VERIFIED");
    }

    private String resolvedCase(String customer) {
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "complaint", "category", "BILLING_FEES", "channel", "phone",
                        "topic", "billing"))
                .post("/api/v1/feedback").then().statusCode(201);
        String caseId = given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().path("items[0].id");
        given().header("Authorization", AGENT).contentType("application/json").body("{}")
                .post("/api/v1/cases/" + caseId + "/acknowledge").then().statusCode(200);
        given().header("Authorization", AGENT).contentType("application/json").body(Map.of("rootCause", "BILLING_FEES"))
                .post("/api/v1/cases/" + caseId + "/resolve").then().statusCode(200);
        return caseId;
    }

    private void answer(String caseId, String kind, double score) {
        String customer = given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().extract()
                .path("record.customerId");
        answer(customer, caseId, kind, score);
    }

    /** A follow-up answer of {@code customer} naming {@code caseId}, onto journey.feedback; the event's id. */
    private String answer(String customer, String caseId, String kind, double score) {
        var data = EventJson.mapper().createObjectNode().put("customerId", customer).put("surveyId", "follow-up")
                .put("surveyKind", kind).put("responseId", UUID.randomUUID().toString()).put("caseId", caseId);
        data.putObject("scores").put("primary", score);
        var event = TestEvents.envelope("io.journeyline.survey.responded", "/journeyline/survey-service", customer,
                clock.instant().atOffset(ZoneOffset.UTC), data);
        TestKafka.produce(Topics.FEEDBACK, customer, event.toString(), Map.of("content-type", "application/cloudevents+json"));
        return event.get("id").asText();
    }

    private static String status(String caseId) {
        return given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().path("record.status");
    }
}
