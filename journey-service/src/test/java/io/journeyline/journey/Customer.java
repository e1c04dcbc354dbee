package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * One test customer whose events other systems send onto the contract topics (structured CloudEvents, keyed by the
 * customer), and what an agent then sees of them through the pain-point API.
 */
final class Customer {
    final String id = JourneyApi.newCustomer();
    private final OffsetDateTime start;

    Customer(OffsetDateTime start) {
        this.start = start;
    }

    /** A touchpoint {@code minutes} after the start; the event is returned (its id is evidence). */
    ObjectNode touchpoint(int minutes, String channel, String touchpoint, String action, Map<String, Object> more) {
        ObjectNode data = data().put("channel", channel).put("touchpoint", touchpoint).put("action", action);
        more.forEach((field, value) -> data.putPOJO(field, value));
        return send(Topics.TOUCHPOINTS, "io.journeyline.touchpoint.recorded", "/shop/web", minutes, data);
    }

    ObjectNode survey(int minutes, String kind, double score) {
        return survey(minutes, kind, score, null);
    }

    /** A survey response, tied to a touchpoint when one is given. */
    ObjectNode survey(int minutes, String kind, double score, String touchpoint) {
        ObjectNode data = data().put("surveyId", "s-" + kind).put("surveyKind", kind).put("responseId", "r-" + minutes);
        data.putObject("scores").put("primary", score);
        if (touchpoint != null) {
            data.put("touchpoint", touchpoint);
        }
        return send(Topics.FEEDBACK, "io.journeyline.survey.responded", "/journeyline/survey-service", minutes, data);
    }

    ObjectNode complaint(int minutes, String category, String topic, Double sentiment) {
        ObjectNode data = data().put("feedbackId", "f-" + minutes).put("kind", "complaint").put("category", category)
                .put("channel", "phone").put("topic", topic);
        if (sentiment != null) {
            data.put("sentiment", sentiment);
        }
        return send(Topics.FEEDBACK, "io.journeyline.feedback.received", "/journeyline/feedback-service", minutes, data);
    }

    ObjectNode send(String topic, String type, String source, int minutes, ObjectNode data) {
        ObjectNode event = TestEvents.envelope(type, source, id, start.plusMinutes(minutes), data);
        resend(topic, event);
        return event;
    }

    void resend(String topic, ObjectNode event) {
        TestKafka.produce(topic, id, event.toString(), Map.of("content-type", "application/cloudevents+json"));
    }

    /** The customer's pain points as the API shows them ({@code shadow} included when asked). */
    io.restassured.path.json.JsonPath painPoints(boolean shadow) {
        return given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/customers/" + id + "/pain-points?shadow=" + shadow).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Waits until a pain point of {@code ruleId} is there; returns all the customer's pain points then. */
    io.restassured.path.json.JsonPath awaitPainPoint(String ruleId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> painPoints(true).getList("items.ruleId", String.class), rules -> rules.contains(ruleId));
        return painPoints(true);
    }

    List<String> ruleIds() {
        return painPoints(true).getList("items.ruleId", String.class);
    }

    private ObjectNode data() {
        return JsonNodeFactory.instance.objectNode().put("customerId", id);
    }

    static String idOf(ObjectNode event) {
        return event.get("id").asText();
    }
}
