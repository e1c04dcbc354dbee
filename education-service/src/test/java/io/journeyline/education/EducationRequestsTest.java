package io.journeyline.education;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.education.domain.assign.Holdout;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * journey-service's education requests against real Kafka and PostgreSQL: the chosen content with its reason, the
 * delivery and the event; the hold-out; consent; the same request twice; the next level when the problem returns.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class EducationRequestsTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String RULE = "PP-REPEATED-ERRORS";
    /** The rule of sentinel requests, sent after the one under test to show it had no further effect. */
    private static final String SENTINEL_RULE = "PP-SENTINEL";

    @Inject
    TestClock clock;

    @Test
    void aRequestAssignsTheFittingLessonWithItsReasonAndTheSameRequestTwiceIsOneAssignment() throws Exception {
        String topic = "wifi-" + UUID.randomUUID();
        String basic = addContent(topic, "BASIC", 4);
        addContent(topic, "BASIC", 9);
        String customer = treated();
        ObjectNode request = request(customer, topic, "i-" + UUID.randomUUID());
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested", request);
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested", request);

        JsonPath assignment = awaitAssignments(customer, 1).get(0);
        assertThat(assignment.getString("status")).isEqualTo("ASSIGNED");
        assertThat(assignment.getString("contentId")).isEqualTo(basic);
        assertThat(assignment.getString("why")).isEqualTo("topic " + topic
                + ", level BASIC, en on app; the shortest of 2 fitting, not completed before");

        JsonNode delivery = EventJson.mapper().readTree(TestKafka.read(Topics.OUTBOUND, r -> customer.equals(r.key()), 1,
                Duration.ofSeconds(15)).get(0).value());
        assertThat(delivery.get("kind").asText()).isEqualTo("education");
        assertThat(delivery.get("contentId").asText()).isEqualTo(basic);
        JsonNode assigned = EventJson.mapper().readTree(TestKafka.read(Topics.EDUCATION, r -> customer.equals(r.key())
                && "io.journeyline.education.assigned".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(15))
                .get(0).value());
        assertThat(assigned.get("interventionId").asText()).isEqualTo(request.get("interventionId").asText());
        assertThat(assigned.get("painPointId").asText()).isEqualTo("pp-1");

        // A sentinel: another request of the customer, on another topic, on the same partition, so consumed after the
        // copy; its delivery is published after anything the copy led to (outbox commit order, one partition).
        String other = "other-" + UUID.randomUUID();
        String sentinel = addContent(other, "BASIC", 5);
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                request(customer, other, "i-" + UUID.randomUUID()));
        List<String> delivered = TestKafka.readUntil(Topics.OUTBOUND, r -> customer.equals(r.key()),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(sentinel), Duration.ofSeconds(15)).stream()
                .map(r -> contentId(r)).toList();
        assertThat(delivered).as("one delivery for the request sent twice, then the sentinel's").containsExactly(basic, sentinel);
        assertThat(awaitAssignments(customer, 2)).extracting(a -> a.getString("contentId")).containsExactly(sentinel, basic);
    }

    @Test
    void whenTheProblemComesBackAfterTheBasicsTheNextLevelIsChosen() {
        String topic = "router-" + UUID.randomUUID();
        String basic = addContent(topic, "BASIC", 4);
        String advanced = addContent(topic, "ADVANCED", 12);
        String customer = treated();
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                request(customer, topic, "i-" + UUID.randomUUID()));
        String first = awaitAssignments(customer, 1).get(0).getString("id");
        given().header("Authorization", TestTokens.bearer(Roles.INGEST)).contentType("application/json")
                .body(Map.of("status", "COMPLETED")).post("/api/v1/assignments/" + first + "/progress").then().statusCode(200);

        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                request(customer, topic, "i-" + UUID.randomUUID()));
        JsonPath second = awaitAssignments(customer, 2).get(0);
        assertThat(awaitAssignments(customer, 2).get(1).getString("contentId")).isEqualTo(basic);
        assertThat(second.getString("contentId")).isEqualTo(advanced);
        assertThat(second.getString("why")).contains("stepped up from BASIC");
    }

    @Test
    void aHeldOutCustomerGetsNoContentAndTheHeldOutEventOnlyWhenThereIsContentToHoldBack() throws Exception {
        String topic = "billing-" + UUID.randomUUID();
        String lesson = addContent(topic, "BASIC", 4);
        // held out for RULE, not for SENTINEL_RULE: the sentinel below is delivered
        String customer = IntStream.range(0, 10_000).mapToObj(i -> "held-" + UUID.randomUUID())
                .filter(c -> Holdout.heldOut(c, RULE, 0.10) && !Holdout.heldOut(c, SENTINEL_RULE, 0.10))
                .findFirst().orElseThrow();
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                request(customer, topic, "i-" + UUID.randomUUID()));
        JsonPath decision = awaitAssignments(customer, 1).get(0);
        assertThat(decision.getString("status")).isEqualTo("HELD_OUT");
        assertThat(decision.getString("contentId")).as("what they would have got, kept for comparisons by content")
                .isEqualTo(lesson);
        assertThat(decision.getString("why")).endsWith("would have got " + lesson);
        JsonNode heldOut = EventJson.mapper().readTree(TestKafka.read(Topics.EDUCATION, r -> customer.equals(r.key())
                && "io.journeyline.education.held-out".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(15))
                .get(0).value());
        assertThat(heldOut.get("reason").asText()).isEqualTo(RULE);
        assertThat(heldOut.get("topic").asText()).isEqualTo(topic);
        assertThat(heldOut.has("contentId")).as("the contract's held-out event names no content").isFalse();

        // A sentinel: a request of the customer under a rule that does not hold them out, on the same partition, so
        // consumed after the held-out one; its delivery is published after anything that one led to.
        String other = "other-" + UUID.randomUUID();
        String sentinel = addContent(other, "BASIC", 5);
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                request(customer, other, "i-" + UUID.randomUUID()).put("ruleId", SENTINEL_RULE));
        assertThat(TestKafka.readUntil(Topics.OUTBOUND, r -> customer.equals(r.key()),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(sentinel), Duration.ofSeconds(15)))
                .extracting(r -> contentId(r)).as("nothing delivered before the sentinel's")
                .containsExactly(sentinel);

        // the hold-out is drawn among eligible requests only: with nothing to give, the same customer is suppressed,
        // so the held-out arm holds no one the treated arm could not have held
        publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                request(customer, "nothing-on-" + UUID.randomUUID(), "i-" + UUID.randomUUID()));
        assertThat(awaitAssignments(customer, 3).get(0).getString("status")).isEqualTo("SUPPRESSED");
    }

    @Test
    void withoutConsentForEducationOnTheChannelTheRequestIsSuppressedWithTheReason() {
        String topic = "privacy-" + UUID.randomUUID();
        addContent(topic, "BASIC", 4);
        String customer = treated();
        ObjectNode consent = EventJson.mapper().createObjectNode().put("customerId", customer);
        consent.putArray("consents").addObject().put("purpose", "education").put("channel", "any").put("granted", false);
        publish(Topics.INSIGHTS, customer, "io.journeyline.journey.consent-changed", consent);
        clock.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                    request(customer, topic, "i-" + UUID.randomUUID()));
            List<JsonPath> decisions = awaitAssignments(customer, 1);
            assertThat(decisions.get(0).getString("status")).isEqualTo("SUPPRESSED");
            assertThat(decisions.get(0).getString("why"))
                    .isEqualTo("consent: the customer has not consented to education by app");
        });
    }

    @Test
    void theCustomersLanguageAndJourneyStageShapeTheChoiceAndAPathAnswersItsTopic() {
        String topic = "setup-" + UUID.randomUUID();
        String english = addContent(topic, "BASIC", 3, "en", List.of());
        String chinese = addContent(topic, "BASIC", 8, "zh", List.of());
        String forOnboarding = addContent(topic, "BASIC", 6, "en", List.of("ONBOARDING"));

        String speaksChinese = treated();
        given().header("Authorization", TestTokens.bearer(Roles.INGEST)).contentType("application/json")
                .body(Map.of("language", "zh")).put("/api/v1/customers/" + speaksChinese + "/learner")
                .then().statusCode(200).body("language", org.hamcrest.Matchers.equalTo("zh"))
                .body("channel", org.hamcrest.Matchers.nullValue());
        String onboarding = treated();
        ObjectNode stage = EventJson.mapper().createObjectNode().put("customerId", onboarding).put("from", "PURCHASE")
                .put("to", "ONBOARDING").put("cause", "e-1");
        publish(Topics.INSIGHTS, onboarding, "io.journeyline.journey.stage-changed", stage);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", AGENT)
                .get("/api/v1/customers/" + onboarding + "/learner").then().statusCode(200)
                .body("stage", org.hamcrest.Matchers.equalTo("ONBOARDING")));
        String nobody = treated();

        for (String customer : List.of(speaksChinese, onboarding, nobody)) {
            publish(Topics.INTERVENTIONS, customer, "io.journeyline.intervention.education-requested",
                    request(customer, topic, "i-" + UUID.randomUUID()));
        }
        JsonPath zh = awaitAssignments(speaksChinese, 1).get(0);
        assertThat(zh.getString("contentId")).isEqualTo(chinese);
        assertThat(zh.getString("language")).isEqualTo("zh");
        assertThat(zh.getString("why")).contains("zh on app");
        JsonPath onboard = awaitAssignments(onboarding, 1).get(0);
        assertThat(onboard.getString("contentId")).as("made for their stage, though longer").isEqualTo(forOnboarding);
        assertThat(onboard.getString("stage")).isEqualTo("ONBOARDING");
        assertThat(onboard.getString("why")).contains("for stage ONBOARDING");
        assertThat(awaitAssignments(nobody, 1).get(0).getString("contentId")).as("stage unknown: the shortest")
                .isEqualTo(english);

        // a learning path that answers the topic comes before single lessons
        String pathTopic = "getting-started-" + UUID.randomUUID();
        String first = addContent(pathTopic, "BASIC", 5, "en", List.of());
        String second = addContent(pathTopic, "BASIC", 5, "en", List.of());
        String path = Catalog.path("start-" + UUID.randomUUID().toString().substring(0, 8), pathTopic,
                Catalog.units(first, List.of(), second, List.of(first)));
        String newCustomer = treated();
        publish(Topics.INTERVENTIONS, newCustomer, "io.journeyline.intervention.education-requested",
                request(newCustomer, pathTopic, "i-" + UUID.randomUUID()));
        JsonPath onPath = awaitAssignments(newCustomer, 1).get(0);
        assertThat(onPath.getString("pathId")).isEqualTo(path);
        assertThat(onPath.getString("why")).startsWith("learning path for topic " + pathTopic);
        assertThat(TestKafka.readAll(Topics.OUTBOUND, r -> newCustomer.equals(r.key()), 1, Duration.ofSeconds(15)))
                .extracting(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .singleElement().asString().contains("\"contentId\":\"" + first + "\"");
    }

    @Test
    void aRequestNamingAnInterventionAnsweredForAnotherCustomerIsDeadLetteredAndTheirAssignmentStays() {
        String topic = "router-" + UUID.randomUUID();
        addContent(topic, "BASIC", 4);
        String victim = treated();
        String interventionId = "i-" + UUID.randomUUID();
        publish(Topics.INTERVENTIONS, victim, "io.journeyline.intervention.education-requested",
                request(victim, topic, interventionId));
        String assignmentId = awaitAssignments(victim, 1).get(0).getString("id");
        String forger = treated();

        ObjectNode forged = publish(Topics.INTERVENTIONS, forger, "io.journeyline.intervention.education-requested",
                request(forger, topic, interventionId));
        ObjectNode after = publish(Topics.INTERVENTIONS, forger, "io.journeyline.intervention.education-requested",
                request(forger, topic, "i-" + UUID.randomUUID()));

        awaitAssignments(forger, 1);
        var deadLetter = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.INTERVENTIONS), r -> forger.equals(r.key())
                && new String(r.value(), StandardCharsets.UTF_8).contains(forged.get("id").asText()), 1,
                Duration.ofSeconds(20));
        assertThat(deadLetter).hasSize(1);
        assertThat(TestKafka.header(deadLetter.get(0), "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(deadLetter.get(0), "dlq-detail"))
                .contains("interventionId '" + interventionId + "' belongs to another customer");
        assertThat(awaitAssignments(forger, 1)).singleElement()
                .satisfies(a -> assertThat(a.getString("interventionId")).isEqualTo(after.at("/data/interventionId").asText()));
        assertThat(awaitAssignments(victim, 1)).singleElement().satisfies(a -> {
            assertThat(a.getString("id")).isEqualTo(assignmentId);
            assertThat(a.getString("customerId")).isEqualTo(victim);
        });
    }

    /** A customer the rule does not hold out. */
    private static String treated() {
        return IntStream.range(0, 100).mapToObj(i -> "cust-" + UUID.randomUUID())
                .filter(c -> !Holdout.heldOut(c, RULE, 0.10)).findFirst().orElseThrow();
    }

    private static ObjectNode request(String customer, String topic, String interventionId) {
        return EventJson.mapper().createObjectNode().put("customerId", customer).put("interventionId", interventionId)
                .put("painPointId", "pp-1").put("topic", topic).put("reason", RULE + ": repeated errors")
                .put("level", "BASIC").put("ruleId", RULE);
    }

    private static String addContent(String topic, String level, int minutes) {
        return addContent(topic, level, minutes, "en", List.of("USAGE"));
    }

    private static String addContent(String topic, String level, int minutes, String language, List<String> stages) {
        Map<String, Object> content = new HashMap<>(Map.of("kind", "micro-lesson", "level", level,
                "title", Map.of(language, "Lesson on " + topic), "topics", List.of(topic), "stages", stages,
                "languages", List.of(language), "channels", List.of("app"), "durationMinutes", minutes, "owner", "docs"));
        return given().header("Authorization", ADMIN).contentType("application/json").body(content)
                .post("/api/v1/contents").then().statusCode(201).extract().path("id");
    }

    private ObjectNode publish(String topic, String customer, String type, ObjectNode data) {
        ObjectNode event = TestEvents.envelope(type, "/journeyline/journey-service", customer,
                clock.instant().atOffset(ZoneOffset.UTC), data);
        TestKafka.produce(topic, customer, event.toString(), Map.of("content-type", "application/cloudevents+json"));
        return event;
    }

    /** The content a delivery on journey.outbound names. */
    private static String contentId(ConsumerRecord<String, byte[]> delivery) {
        try {
            return EventJson.mapper().readTree(delivery.value()).path("contentId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The customer's assignments, newest first, once there are at least {@code count}. */
    private static List<JsonPath> awaitAssignments(String customer, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            String body = given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/assignments")
                    .then().statusCode(200).extract().asString();
            List<JsonPath> found = new java.util.ArrayList<>();
            EventJson.mapper().readTree(body).forEach(item -> found.add(new JsonPath(item.toString())));
            return found;
        }, found -> found.size() >= count);
    }
}
