package io.journeyline.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.journey.service.ErasureService;
import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * A privacy officer erases a customer: journey-service forgets the customer and every customer linked to it, asks the
 * other services, follows their receipts to COMPLETE (or OVERDUE), and late events do not bring the person back.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ErasureApiTest {
    static final String PRIVACY = TestTokens.bearerFor("dpo@example.com", Roles.PRIVACY);

    @Inject
    Pseudonyms pseudonyms;
    @Inject
    TestClock clock;
    @Inject
    ErasureService erasures;

    @Test
    void anErasureForgetsTheCustomerAndTheLinkedOneAsksTheOthersAndIsCompleteWithFourReceipts() throws Throwable {
        String email = UUID.randomUUID() + "@example.com";
        OffsetDateTime yesterday = OffsetDateTime.now(clock).minusDays(1);
        Customer web = new Customer(yesterday);
        Customer app = new Customer(yesterday);
        ObjectNode visit = web.touchpoint(0, "web", "home", "visit", Map.of("identities", Map.of("email", email)));
        JourneyApi.awaitInTimeline(web.id, visit.get("id").asText());
        ObjectNode login = app.touchpoint(5, "app", "login", "login", Map.of("identities", Map.of("email", email)));
        web.complaint(10, "BILLING_FEES", "billing", -0.8);
        ObjectNode contact = web.touchpoint(12, "phone", "support.call", "contact", Map.of("topic", "billing"));
        JourneyApi.awaitInTimeline(web.id, contact.get("id").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> JourneyApi.timelineIds(web.id).size() >= 4);
        assertThat(rowsMentioning("contact_counts", web.id)).isOne();

        JsonPath answer = given().header("Authorization", PRIVACY).contentType("application/json")
                .body(Map.of("customerId", web.id, "reason", "ticket DPO-1: the customer asked (GDPR art. 17)"))
                .post("/api/v1/privacy/erasures").then().statusCode(202)
                .header("Location", containsString("/api/v1/privacy/erasures/"))
                .body("status", equalTo("PENDING"), "requestedBy", equalTo("dpo@example.com"),
                        "customerHmac", equalTo(pseudonyms.of(web.id)))
                .extract().jsonPath();
        String erasureId = answer.getString("erasureId");
        assertThat(answer.getList("customerIds", String.class)).containsExactlyInAnyOrder(web.id, app.id);
        assertThat(answer.getList("waitingFor", String.class))
                .containsExactly("survey-service", "education-service", "feedback-service");
        assertThat(answer.getLong("receipts[0].counts.timeline_entries")).isGreaterThanOrEqualTo(3);

        // nothing of either customer is left where an agent or a query could find it
        JourneyApi.timeline(web.id, "").statusCode(404);
        JourneyApi.timeline(app.id, "").statusCode(404);
        given().header("Authorization", JourneyApi.AGENT).queryParam("identifier", "email:" + email)
                .get("/api/v1/customers").then().statusCode(404);
        for (String table : List.of("customers", "timeline_entries", "contact_counts", "identities", "identity_links", "stage_changes",
                "pain_points", "interventions", "pain_point_evidence", "consents", "rule_state", "platform_timers",
                "erasures", "erasure_receipts", "platform_erasures", "export_jobs")) {
            assertThat(rowsMentioning(table, web.id)).as(table).isZero();
            assertThat(rowsMentioning(table, app.id)).as(table).isZero();
            assertThat(rowsMentioning(table, email)).as(table).isZero();
        }
        assertThat(rowsMentioning("erasures", pseudonyms.of(web.id))).isEqualTo(1);

        // the others are asked, keyed by the customer, with both customers and the erasure's time
        ConsumerRecord<String, byte[]> asked = TestKafka.read(Topics.INSIGHTS, r -> web.id.equals(r.key())
                && "io.journeyline.privacy.erasure-requested".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(15)).get(0);
        JsonNode data = TestJson.read(new String(asked.value(), StandardCharsets.UTF_8));
        assertThat(data.get("erasureId").asText()).isEqualTo(erasureId);
        assertThat(List.of(data.get("customerIds").get(0).asText(), data.get("customerIds").get(1).asText()))
                .containsExactlyInAnyOrder(web.id, app.id);

        // a late event dated before the erasure does not bring the customer back; one dated after it does
        ObjectNode late = web.touchpoint(20, "web", "home", "visit", Map.of());
        ObjectNode after = web.touchpoint(24 * 60 + 5, "web", "home", "visit", Map.of());   // 5 minutes from now
        assertThat(JourneyApi.awaitInTimeline(web.id, after.get("id").asText())).doesNotContain(late.get("id").asText())
                .containsExactly(after.get("id").asText());
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString(
                "journeyline_events_erased_total{channel=\"journey-events\",type=\"io.journeyline.touchpoint.recorded\"}"));

        // the three receipts arrive on the services' topics, named by the HMAC only: complete
        receipt(Topics.FEEDBACK, "survey-service", erasureId, web.id);
        receipt(Topics.EDUCATION, "education-service", erasureId, web.id);
        receipt(Topics.FEEDBACK, "feedback-service", erasureId, web.id);
        JsonPath status = await().atMost(Duration.ofSeconds(20)).until(() -> status(erasureId),
                s -> "COMPLETE".equals(s.getString("status")));
        assertThat(status.getList("receipts.service", String.class)).containsExactlyInAnyOrder(
                "journey-service", "survey-service", "education-service", "feedback-service");
        assertThat(status.getList("waitingFor")).isEmpty();
        assertThat(status.getString("customerIds")).isNull();
        assertThat(status.getInt("receipts.find { it.service == 'survey-service' }.counts.survey_responses")).isEqualTo(2);
        Management.given().get("/q/metrics").then().body(containsString("journeyline_privacy_erasures_completed_total"));
    }

    @Test
    void aReceiptFromAnotherServiceThanItNamesIsDeadLettered() {
        String erasureId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("erasureId", erasureId).put("service", "education-service")
                .put("customerHmac", pseudonyms.of("c-" + eventId)).put("completedAt", OffsetDateTime.now(clock).toString());
        data.putObject("counts").put("assignments", 1);
        ObjectNode forged = TestEvents.envelope("io.journeyline.privacy.erasure-completed", "/journeyline/feedback-service",
                null, OffsetDateTime.now(clock), data);
        forged.put("id", eventId);
        forged.remove("subject");
        TestKafka.produce(Topics.FEEDBACK, pseudonyms.of("c-" + eventId), forged.toString(),
                Map.of("content-type", "application/cloudevents+json"));

        ConsumerRecord<String, byte[]> dead = TestKafka.read(Topics.deadLetterTopicOf(Topics.FEEDBACK),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(eventId), 1, Duration.ofSeconds(20)).get(0);
        assertThat(TestKafka.header(dead, "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(dead, "dlq-detail")).contains("may not answer for education-service");
    }

    @Test
    void anErasureWithoutEveryReceiptByTheDeadlineIsOverdue() throws Throwable {
        String customer = JourneyApi.newCustomer();
        String erasureId = given().header("Authorization", PRIVACY).contentType("application/json")
                .body(Map.of("customerId", customer, "reason", "ticket DPO-2"))
                .post("/api/v1/privacy/erasures").then().statusCode(202).extract().path("erasureId");
        assertThat(status(erasureId).getString("status")).isEqualTo("PENDING");

        clock.advance(Duration.ofHours(25));
        try {
            assertThat(status(erasureId).getString("status")).isEqualTo("OVERDUE");
            assertThat(VertxContextSupport.subscribeAndAwait(erasures::countOverdue)).isGreaterThanOrEqualTo(1);
            Management.given().get("/q/metrics").then().body(containsString("journeyline_privacy_erasures_overdue"));
        } finally {
            clock.advance(Duration.ofHours(-25));
        }
    }

    @Test
    void onlyPrivacyOfficersEraseAndABadRequestNamesEveryField() {
        given().header("Authorization", JourneyApi.SUPERVISOR).contentType("application/json")
                .body(Map.of("customerId", "c-1", "reason", "x")).post("/api/v1/privacy/erasures").then().statusCode(403);
        given().contentType("application/json").body(Map.of("customerId", "c-1", "reason", "x"))
                .post("/api/v1/privacy/erasures").then().statusCode(401);
        given().header("Authorization", PRIVACY).contentType("application/json").body(Map.of("reason", " "))
                .post("/api/v1/privacy/erasures").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("customerId", "reason"));
        given().header("Authorization", PRIVACY).get("/api/v1/privacy/erasures/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/privacy/erasures/" + UUID.randomUUID()).then()
                .statusCode(403);
    }

    private void receipt(String topic, String service, String erasureId, String customerId) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("erasureId", erasureId).put("service", service)
                .put("customerHmac", pseudonyms.of(customerId)).put("completedAt", OffsetDateTime.now(clock).toString());
        data.putObject("counts").put(service.equals("survey-service") ? "survey_responses" : "rows", 2);
        ObjectNode event = TestEvents.envelope("io.journeyline.privacy.erasure-completed", "/journeyline/" + service,
                null, OffsetDateTime.now(clock), data);
        event.remove("subject");
        TestKafka.produce(topic, pseudonyms.of(customerId), event.toString(),
                Map.of("content-type", "application/cloudevents+json"));
    }

    private static JsonPath status(String erasureId) {
        return given().header("Authorization", PRIVACY).get("/api/v1/privacy/erasures/" + erasureId).then()
                .statusCode(200).extract().jsonPath();
    }

    /** Rows of {@code table} whose text, in any column, contains {@code text}. */
    private static long rowsMentioning(String table, String text) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from " + table + " t where strpos(t::text, ?1) > 0", Long.class)
                .setParameter(1, text).getSingleResult())));
    }
}
