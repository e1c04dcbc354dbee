package io.journeyline.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Invitations from every source against real Kafka and PostgreSQL, with the clock moved for the windows: what is
 * sent (a delivery with the link on journey.outbound, survey.invited without the token on journey.feedback), what is
 * suppressed and why, and that the same request twice is one invitation.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class InvitationsTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    TestClock clock;
    @Inject
    Consents consents;

    @Test
    void aSurveyRequestSendsTheKindsSurveyWithASingleUseLinkAndTheSameRequestTwiceIsOneInvitation() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        ObjectNode request = surveyRequest(customer, "NPS", "i-" + UUID.randomUUID());
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.survey-requested", request);
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.survey-requested", request);

        JsonPath invitation = awaitInvitations(customer, 1).get(0);
        assertThat(invitation.getString("surveyId")).isEqualTo("relationship-nps");
        assertThat(invitation.getString("status")).isEqualTo("SENT");
        assertThat(invitation.getString("reason")).isEqualTo("intervention");
        assertThat(invitation.getString("language")).isEqualTo("en");

        JsonNode delivery = data(TestKafka.read(Topics.OUTBOUND, r -> customer.equals(r.key()), 1, Duration.ofSeconds(15)).get(0));
        assertThat(delivery.get("deliveryId").asText()).isEqualTo(invitation.getString("id"));
        assertThat(delivery.get("kind").asText()).isEqualTo("survey-invitation");
        assertThat(delivery.get("link").asText()).matches("http://localhost:8082/api/v1/responses/[A-Za-z0-9_-]{43}");
        String token = delivery.get("link").asText().substring(delivery.get("link").asText().lastIndexOf('/') + 1);

        ConsumerRecord<String, byte[]> invited = TestKafka.read(Topics.FEEDBACK, r -> customer.equals(r.key())
                && "io.journeyline.survey.invited".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(15)).get(0);
        assertThat(new String(invited.value())).doesNotContain(token).contains("\"surveyKind\":\"NPS\"");

        // A sentinel: another request of the customer, on the same partition, so consumed after the copy; the spacing
        // holds it back, and its survey.suppressed is published after anything the copy led to (outbox commit order).
        String sentinel = "i-" + UUID.randomUUID();
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.survey-requested",
                surveyRequest(customer, "CSAT", sentinel));
        List<String> published = TestKafka.readUntil(Topics.FEEDBACK, r -> customer.equals(r.key()),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(sentinel), Duration.ofSeconds(15))
                .stream().map(r -> TestKafka.header(r, "ce_type")).toList();
        assertThat(published).as("one invitation for the request sent twice, then the sentinel's suppression")
                .containsExactly("io.journeyline.survey.invited", "io.journeyline.survey.suppressed");
        assertThat(invitations(customer)).extracting(i -> i.getString("status")).containsExactly("SUPPRESSED", "SENT");
        assertThat(TestKafka.readAll(Topics.OUTBOUND, r -> customer.equals(r.key())))
                .as("one delivery for the request sent twice").hasSize(1);
    }

    @Test
    void spacingThenTheSurveysRecontactWindowHoldInvitationsBackAndSayWhy() {
        String customer = "cust-" + UUID.randomUUID();
        ask(customer, "NPS");
        awaitInvitations(customer, 1);
        ask(customer, "CSAT");                                                 // a day later: within the 7-day spacing
        List<JsonPath> two = awaitInvitations(customer, 2);
        assertThat(two.get(0).getString("status")).isEqualTo("SUPPRESSED");
        assertThat(two.get(0).getString("suppressedBy")).isEqualTo("spacing");

        clock.advance(Duration.ofDays(8));
        ask(customer, "NPS");                                                  // relationship NPS: 90 days to recontact
        List<JsonPath> three = awaitInvitations(customer, 3);
        assertThat(three.get(0).getString("suppressedBy")).isEqualTo("recontact");
        assertThat(three.get(0).getString("suppressionReason")).contains("recontact window of PT2160H");
        ask(customer, "CES");
        assertThat(awaitInvitations(customer, 4).get(0).getString("status")).isEqualTo("SENT");
    }

    @Test
    void anOpenCaseHoldsSurveysBackButItsOwnFollowUpReachesTheCustomer() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = "case-" + UUID.randomUUID();
        publish(Topics.FEEDBACK, customer, "io.journeyline.case.opened", EventJson.mapper().createObjectNode()
                .put("customerId", customer).put("caseId", caseId).put("status", "RECEIVED").put("priority", "HIGH"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ask(customer, "NPS");
            assertThat(invitations(customer)).isNotEmpty().first()
                    .satisfies(i -> assertThat(i.getString("suppressedBy")).isEqualTo("open-case"));
        });

        publish(Topics.FEEDBACK, customer, "io.journeyline.case.resolved", EventJson.mapper().createObjectNode()
                .put("customerId", customer).put("caseId", caseId).put("status", "RESOLVED").put("rootCause", "BILLING_FEES"));
        JsonPath followUp = await().atMost(Duration.ofSeconds(15)).until(() -> invitations(customer).get(0),
                i -> "case-follow-up".equals(i.getString("reason")));
        assertThat(followUp.getString("status")).isEqualTo("SENT");
        assertThat(followUp.getString("caseId")).isEqualTo(caseId);
        assertThat(followUp.getString("surveyId")).isEqualTo("case-follow-up");
        assertThat(followUp.getString("surveyKind")).isEqualTo("CSAT");
    }

    @Test
    void caseEventsNamingAnotherCustomersCaseAreDeadLetteredAndTheirCaseStaysOpen() {
        String victim = "cust-" + UUID.randomUUID();
        String caseId = "case-" + UUID.randomUUID();
        openCase(victim, caseId);
        String forger = "cust-" + UUID.randomUUID();

        ObjectNode closing = publish(Topics.FEEDBACK, forger, "io.journeyline.case.closed", EventJson.mapper()
                .createObjectNode().put("customerId", forger).put("caseId", caseId).put("status", "CLOSED")
                .put("outcome", "RECOVERED"));
        ObjectNode resolving = publish(Topics.FEEDBACK, forger, "io.journeyline.case.resolved", EventJson.mapper()
                .createObjectNode().put("customerId", forger).put("caseId", caseId).put("status", "RESOLVED")
                .put("rootCause", "BILLING_FEES"));

        for (ObjectNode forged : List.of(closing, resolving)) {
            ConsumerRecord<String, byte[]> deadLetter = deadLetter(forger, forged.get("id").asText());
            assertThat(TestKafka.header(deadLetter, "dlq-reason")).isEqualTo("processing-failed");
            assertThat(TestKafka.header(deadLetter, "dlq-detail"))
                    .contains("caseId '" + caseId + "' belongs to another customer");
        }
        int before = invitations(victim).size();
        ask(victim, "CES");
        assertThat(awaitInvitations(victim, before + 1).get(0).getString("suppressedBy")).as("the case is still open")
                .isEqualTo("open-case");
        assertThat(invitations(forger)).as("no follow-up of the forger carries the case").isEmpty();
    }

    @Test
    void aRecordedAnswerNamingAnotherCustomersCaseIsRefusedAtTheDoor() throws Exception {
        String victim = "cust-" + UUID.randomUUID();
        String caseId = "case-" + UUID.randomUUID();
        openCase(victim, caseId);
        String forger = "cust-" + UUID.randomUUID();
        String ingest = TestTokens.bearer(Roles.INGEST);

        given().header("Authorization", ingest).contentType("application/json")
                .body(Map.of("customerId", forger, "surveyKind", "CSAT", "score", 5, "caseId", caseId))
                .post("/api/v1/surveys/case-follow-up/responses").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("caseId"))
                .body("detail", equalTo("caseId '" + caseId + "' belongs to another customer than the one this is about"));
        String sentinel = given().header("Authorization", ingest).contentType("application/json")
                .body(Map.of("customerId", forger, "surveyKind", "CSAT", "score", 5))
                .post("/api/v1/surveys/case-follow-up/responses").then().statusCode(201).extract().path("id");
        List<ConsumerRecord<String, byte[]>> published = TestKafka.readUntil(Topics.FEEDBACK,
                r -> forger.equals(r.key()), r -> new String(r.value(), StandardCharsets.UTF_8).contains(sentinel),
                Duration.ofSeconds(20));
        assertThat(published).as("only the sentinel's answer was published").hasSize(1);

        given().header("Authorization", ingest).contentType("application/json")
                .body(Map.of("customerId", victim, "surveyKind", "CSAT", "score", 5, "caseId", caseId))
                .post("/api/v1/surveys/case-follow-up/responses").then().statusCode(201);
    }

    @Test
    void aWavedCustomerWithoutConsentIsSuppressedWithTheReasonAndTheSameWaveTwiceInvitesOnce() throws Exception {
        String consenting = "cust-" + UUID.randomUUID();
        String refusing = "cust-" + UUID.randomUUID();
        ObjectNode consent = EventJson.mapper().createObjectNode().put("customerId", refusing);
        consent.putArray("consents").addObject().put("purpose", "survey").put("channel", "email").put("granted", false);
        publish(Topics.INSIGHTS, refusing, "io.journeyline.journey.consent-changed", consent);
        String waveId = "wave-" + UUID.randomUUID();
        Map<String, Object> wave = Map.of("waveId", waveId, "channel", "email", "customers", List.of(
                Map.of("customerId", consenting, "language", "zh-CN"), Map.of("customerId", refusing)));

        await().atMost(Duration.ofSeconds(15)).until(() -> consentKnown(refusing));

        JsonPath sent = given().header("Authorization", ADMIN).contentType("application/json").body(wave)
                .post("/api/v1/surveys/relationship-nps/waves").then().statusCode(200).extract().jsonPath();
        assertThat(sent.getInt("sent")).isEqualTo(1);
        assertThat(sent.getInt("suppressed")).isEqualTo(1);
        assertThat(sent.getString("invitations[1].suppressedBy")).isEqualTo("consent");
        assertThat(sent.getString("invitations[1].suppressionReason"))
                .isEqualTo("the customer has not consented to surveys by email");
        assertThat(sent.getString("invitations[0].language")).isEqualTo("zh-CN");
        given().header("Authorization", ADMIN).contentType("application/json").body(wave)
                .post("/api/v1/surveys/relationship-nps/waves").then().statusCode(200);
        assertThat(invitations(consenting)).hasSize(1);
        assertThat(invitations(refusing)).extracting(i -> i.getString("suppressedBy")).containsOnly("consent");
    }

    @Test
    void badWavesAreRefusedNamingTheFieldsAndOnlyAdminsSendThem() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("channel", "pigeon", "customers", List.of()))
                .post("/api/v1/surveys/relationship-nps/waves").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("channel", "customers"));
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("customers", List.of(Map.of("customerId", "c-1"))))
                .post("/api/v1/surveys/nope/waves").then().statusCode(404);
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customers", List.of(Map.of("customerId", "c-1"))))
                .post("/api/v1/surveys/relationship-nps/waves").then().statusCode(403);
    }

    @Test
    void completedEducationAsksForCourseFeedback() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        publish(Topics.EDUCATION, customer, "io.journeyline.education.completed", EventJson.mapper().createObjectNode()
                .put("customerId", customer).put("assignmentId", "a-" + UUID.randomUUID()).put("contentId", "wifi-setup")
                .put("reason", "PP-REPEATED-ERRORS"));
        JsonPath invitation = awaitInvitations(customer, 1).get(0);
        assertThat(invitation.getString("surveyId")).isEqualTo("course-feedback");
        assertThat(invitation.getString("reason")).isEqualTo("course-feedback");
    }

    /** Whether survey-service has taken in the customer's consent (journey.insights is consumed asynchronously). */
    private boolean consentKnown(String customer) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> consents.of(customer, "survey")))
                    .containsKey("email");
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** feedback-service opened a case of {@code customer}; waits until it holds their surveys back. */
    private void openCase(String customer, String caseId) {
        publish(Topics.FEEDBACK, customer, "io.journeyline.case.opened", EventJson.mapper().createObjectNode()
                .put("customerId", customer).put("caseId", caseId).put("status", "RECEIVED").put("priority", "HIGH"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ask(customer, "NPS");
            assertThat(invitations(customer)).isNotEmpty().first()
                    .satisfies(i -> assertThat(i.getString("suppressedBy")).isEqualTo("open-case"));
        });
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String customer, String eventId) {
        List<ConsumerRecord<String, byte[]>> found = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.FEEDBACK),
                r -> customer.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains(eventId), 1,
                Duration.ofSeconds(20));
        assertThat(found).as("the dead letter of " + eventId).hasSize(1);
        return found.get(0);
    }

    private void ask(String customer, String kind) {
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.survey-requested",
                surveyRequest(customer, kind, "i-" + UUID.randomUUID()));
        clock.advance(Duration.ofDays(1));
    }

    private static ObjectNode surveyRequest(String customer, String kind, String interventionId) {
        return EventJson.mapper().createObjectNode().put("customerId", customer).put("interventionId", interventionId)
                .put("surveyKind", kind).put("reason", "PP-TEST").put("touchpoint", "checkout");
    }

    private ObjectNode publish(String topic, String customer, String type, ObjectNode data) {
        ObjectNode event = TestEvents.envelope(type, "/test", customer, clock.instant().atOffset(ZoneOffset.UTC), data);
        TestKafka.produce(topic, customer, event.toString(), Map.of("content-type", "application/cloudevents+json"));
        return event;
    }

    private static List<JsonPath> awaitInvitations(String customer, int count) {
        Supplier<List<JsonPath>> read = () -> invitations(customer);
        return await().atMost(Duration.ofSeconds(20)).until(read::get, found -> found.size() >= count);
    }

    /** The customer's invitations, newest first. */
    private static List<JsonPath> invitations(String customer) {
        JsonPath page = given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/invitations")
                .then().statusCode(200).extract().jsonPath();
        return page.getList("items").stream().map(item -> new JsonPath(toJson(item))).toList();
    }

    private static String toJson(Object item) {
        try {
            return EventJson.mapper().writeValueAsString(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode data(ConsumerRecord<String, byte[]> record) throws IOException {
        return EventJson.mapper().readTree(record.value());
    }
}
