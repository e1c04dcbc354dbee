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
import org.junit.jupiter.api.Test;

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
        var data = EventJson.mapper().createObjectNode().put("customerId", customer).put("surveyId", "follow-up")
                .put("surveyKind", kind).put("responseId", UUID.randomUUID().toString()).put("caseId", caseId);
        data.putObject("scores").put("primary", score);
        TestKafka.produce(Topics.FEEDBACK, customer, TestEvents.envelope("io.journeyline.survey.responded",
                        "/journeyline/survey-service", customer, clock.instant().atOffset(ZoneOffset.UTC), data).toString(),
                Map.of("content-type", "application/cloudevents+json"));
    }

    private static String status(String caseId) {
        return given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().path("record.status");
    }
}
