package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventLimits;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.journeyline.journey.JourneyApi.awaitInTimeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Records produced straight onto the contract topics, as other systems and the satellite services do. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class KafkaConsumptionTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-21T10:00:00Z");

    @Test
    void binaryModeRecordReachesTheTimeline() {
        String customer = JourneyApi.newCustomer();
        String id = UUID.randomUUID().toString();
        sendBinary(Topics.TOUCHPOINTS, customer, id, "io.journeyline.touchpoint.recorded",
                data(customer).put("channel", "phone").put("touchpoint", "hotline").put("action", "contact"));

        awaitInTimeline(customer, id);
        JourneyApi.timeline(customer, "type=io.journeyline.touchpoint.recorded").body("items[0].source", equalTo("/callcenter"))
                .body("items[0].summary", equalTo("contact at hotline via phone"));
    }

    @Test
    void structuredModeRecordReachesTheTimelineWithOrWithoutContentType() {
        String customer = JourneyApi.newCustomer();
        ObjectNode withHeader = TestEvents.touchpoint(customer, "chat", "returns", "contact", T0);
        ObjectNode plain = TestEvents.touchpoint(customer, "store", "returns", "return", T0.plusMinutes(1));

        TestKafka.produce(Topics.TOUCHPOINTS, customer, withHeader.toString(), Map.of("content-type", "application/cloudevents+json"));
        TestKafka.produce(Topics.TOUCHPOINTS, customer, plain.toString(), Map.of());

        assertThat(awaitInTimeline(customer, plain.get("id").asText()))
                .containsExactly(plain.get("id").asText(), withHeader.get("id").asText());
    }

    @Test
    void theSameEventDeliveredTwiceGivesOneTimelineEntry() {
        String customer = JourneyApi.newCustomer();
        String id = UUID.randomUUID().toString();
        ObjectNode data = data(customer).put("channel", "web").put("touchpoint", "login").put("action", "login");
        sendBinary(Topics.TOUCHPOINTS, customer, id, "io.journeyline.touchpoint.recorded", data);
        sendBinary(Topics.TOUCHPOINTS, customer, id, "io.journeyline.touchpoint.recorded", data);
        String later = UUID.randomUUID().toString();
        sendBinary(Topics.TOUCHPOINTS, customer, later, "io.journeyline.touchpoint.recorded", data);

        assertThat(awaitInTimeline(customer, later)).containsExactly(later, id);
    }

    @Test
    void anEventRedeliveredLongAfterItWasRecordedChangesNothing() {
        String customer = JourneyApi.newCustomer();
        String id = UUID.randomUUID().toString();
        ObjectNode data = data(customer).put("channel", "app").put("touchpoint", "settings").put("action", "feature_use");
        sendBinary(Topics.TOUCHPOINTS, customer, id, "io.journeyline.touchpoint.recorded", data);
        awaitInTimeline(customer, id);

        sendBinary(Topics.TOUCHPOINTS, customer, id, "io.journeyline.touchpoint.recorded", data);
        String later = UUID.randomUUID().toString();
        sendBinary(Topics.TOUCHPOINTS, customer, later, "io.journeyline.touchpoint.recorded", data);

        assertThat(awaitInTimeline(customer, later)).containsExactly(later, id);
    }

    @Test
    void malformedAndSchemaViolatingRecordsGoToTheDeadLetterTopicAndTheNextGoodOneIsProcessed() {
        String customer = JourneyApi.newCustomer();
        TestKafka.produce(Topics.TOUCHPOINTS, customer, "{not json", Map.of("content-type", "application/cloudevents+json"));
        String invalidId = UUID.randomUUID().toString();
        sendBinary(Topics.TOUCHPOINTS, customer, invalidId, "io.journeyline.touchpoint.recorded",
                data(customer).put("channel", "carrier-pigeon").put("touchpoint", "home"));
        String goodId = UUID.randomUUID().toString();
        sendBinary(Topics.TOUCHPOINTS, customer, goodId, "io.journeyline.touchpoint.recorded",
                data(customer).put("channel", "web").put("touchpoint", "home").put("action", "visit"));

        assertThat(awaitInTimeline(customer, goodId)).containsExactly(goodId);

        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.TOUCHPOINTS),
                record -> customer.equals(record.key()), 2, Duration.ofSeconds(15));
        assertThat(deadLetters).hasSize(2);
        ConsumerRecord<String, byte[]> malformed = deadLetters.get(0);
        assertThat(TestKafka.header(malformed, "dlq-reason")).isEqualTo("malformed-json");
        assertThat(new String(malformed.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(TestKafka.header(malformed, "dlq-original-topic")).isEqualTo(Topics.TOUCHPOINTS);
        assertThat(TestKafka.header(malformed, "dlq-original-partition")).matches("\\d+");
        assertThat(TestKafka.header(malformed, "dlq-original-offset")).matches("\\d+");
        ConsumerRecord<String, byte[]> invalid = deadLetters.get(1);
        assertThat(TestKafka.header(invalid, "dlq-reason")).isEqualTo("schema-violation");
        assertThat(TestKafka.header(invalid, "dlq-detail")).contains("data.action").contains("data.channel");
        assertThat(TestKafka.header(invalid, "ce_id")).isEqualTo(invalidId);
    }

    @Test
    void unknownTypeAndMissingCloudEventsAttributesAreDeadLettered() {
        String customer = JourneyApi.newCustomer();
        sendBinary(Topics.TOUCHPOINTS, customer, UUID.randomUUID().toString(), "com.example.unknown", data(customer));
        TestKafka.produce(Topics.TOUCHPOINTS, customer, data(customer).toString(), Map.of("ce_specversion", "1.0"));

        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.TOUCHPOINTS),
                record -> customer.equals(record.key()), 2, Duration.ofSeconds(15));
        assertThat(deadLetters).extracting(record -> TestKafka.header(record, "dlq-reason"))
                .containsExactly("unknown-type", "invalid-envelope");
    }

    @Test
    void aRecordWhoseTimeCannotBeReadIsDeadLetteredAndTheConsumerGoesOn() {
        String customer = JourneyApi.newCustomer();
        ObjectNode leapSecond = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        leapSecond.put("time", "2016-12-31T23:59:60Z");
        TestKafka.produce(Topics.TOUCHPOINTS, customer, leapSecond.toString(), Map.of());
        ObjectNode good = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        TestKafka.produce(Topics.TOUCHPOINTS, customer, good.toString(), Map.of());

        assertThat(awaitInTimeline(customer, good.get("id").asText())).containsExactly(good.get("id").asText());
        assertThat(TestKafka.readAll(Topics.deadLetterTopicOf(Topics.TOUCHPOINTS), record -> customer.equals(record.key()),
                1, Duration.ofSeconds(15))).extracting(record -> TestKafka.header(record, "dlq-detail"))
                .singleElement().asString().startsWith("time");
    }

    @Test
    void nulLoneSurrogatesAndDeepNestingAreDeadLetteredAsSchemaViolationsAndTheConsumerGoesOn() {
        String customer = JourneyApi.newCustomer();
        // As kcat sends it: structured mode, the escape written in the JSON text.
        String nul = TestEvents.touchpoint(customer, "web", "checkout-payment", "visit", T0).toString()
                .replace("checkout-payment", "checkout\\u0000payment");
        TestKafka.produce(Topics.TOUCHPOINTS, customer, nul, Map.of());
        String surrogate = "{\"customerId\":\"" + customer + "\",\"channel\":\"web\",\"touchpoint\":\"caf\\ud800\",\"action\":\"visit\"}";
        TestKafka.produce(Topics.TOUCHPOINTS, customer, surrogate, binaryHeaders(UUID.randomUUID().toString()));
        String deep = "{\"customerId\":\"" + customer + "\",\"channel\":\"web\",\"touchpoint\":\"home\",\"action\":\"visit\","
                + "\"attributes\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        TestKafka.produce(Topics.TOUCHPOINTS, customer, deep, binaryHeaders(UUID.randomUUID().toString()));
        ObjectNode good = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        TestKafka.produce(Topics.TOUCHPOINTS, customer, good.toString(), Map.of());

        assertThat(awaitInTimeline(customer, good.get("id").asText())).containsExactly(good.get("id").asText());
        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.TOUCHPOINTS),
                record -> customer.equals(record.key()), 3, Duration.ofSeconds(15));
        assertThat(deadLetters).extracting(record -> TestKafka.header(record, "dlq-reason"))
                .containsExactly("schema-violation", "schema-violation", "schema-violation");
        assertThat(deadLetters).extracting(record -> TestKafka.header(record, "dlq-detail"))
                .satisfiesExactly(
                        detail -> assertThat(detail).startsWith("data.touchpoint: contains U+0000"),
                        detail -> assertThat(detail).startsWith("data.touchpoint: contains a lone surrogate"),
                        detail -> assertThat(detail).startsWith("data.attributes.a").endsWith(EventLimits.TOO_DEEP));
    }

    @Test
    void aCustomersEventsSplitOverTwoPartitionsAreRecordedOnceEachInEventTimeOrder() {
        // A producer that partitions keys its own way (librdkafka's default CRC32) puts one customer on two partitions.
        String customer = JourneyApi.newCustomer();
        ObjectNode first = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        ObjectNode second = TestEvents.touchpoint(customer, "web", "cart", "visit", T0.plusMinutes(1));
        ObjectNode third = TestEvents.touchpoint(customer, "web", "checkout", "purchase", T0.plusMinutes(2));
        ObjectNode lastOnPartition2 = TestEvents.touchpoint(customer, "web", "account", "login", T0.plusMinutes(10));
        ObjectNode lastOnPartition0 = TestEvents.touchpoint(customer, "web", "account", "logout", T0.plusMinutes(11));
        TestKafka.produce(Topics.TOUCHPOINTS, 2, customer, third.toString(), Map.of());
        TestKafka.produce(Topics.TOUCHPOINTS, 0, customer, first.toString(), Map.of());
        TestKafka.produce(Topics.TOUCHPOINTS, 0, customer, third.toString(), Map.of());
        TestKafka.produce(Topics.TOUCHPOINTS, 2, customer, second.toString(), Map.of());
        TestKafka.produce(Topics.TOUCHPOINTS, 2, customer, lastOnPartition2.toString(), Map.of());
        TestKafka.produce(Topics.TOUCHPOINTS, 0, customer, lastOnPartition0.toString(), Map.of());

        // Each partition is consumed in order: once its last record is in, everything before it is processed.
        awaitInTimeline(customer, lastOnPartition2.get("id").asText());
        awaitInTimeline(customer, lastOnPartition0.get("id").asText());
        assertThat(JourneyApi.timelineIds(customer)).containsExactly(lastOnPartition0.get("id").asText(),
                lastOnPartition2.get("id").asText(), third.get("id").asText(), second.get("id").asText(),
                first.get("id").asText());
    }

    @Test
    void anotherServicesEventsOrSourcesForgedOnTheTouchpointsTopicAreDeadLetteredAndChangeNothing() {
        Customer victim = new Customer(OffsetDateTime.parse("2026-11-21T10:00:00Z"));
        for (int i = 0; i < 3; i++) {
            victim.touchpoint(i, "app", "setup.wifi", "error", Map.of());
        }
        String painPointId = victim.awaitPainPoint("PP-REPEATED-ERRORS").getString("items[0].id");

        // An outside producer may write journey.touchpoints; it writes education-service's completion and a survey
        // answer of 0 there, each claiming the owning service as its source.
        ObjectNode completed = victim.send(Topics.TOUCHPOINTS, "io.journeyline.education.completed",
                "/journeyline/education-service", 10, data(victim.id).put("assignmentId", "a-1").put("contentId", "wifi-setup")
                        .put("reason", "PP-REPEATED-ERRORS").put("painPointId", painPointId));
        ObjectNode answer = data(victim.id).put("surveyId", "nps").put("surveyKind", "NPS").put("responseId", "r-forged");
        answer.putObject("scores").put("primary", 0);
        ObjectNode responded = victim.send(Topics.TOUCHPOINTS, "io.journeyline.survey.responded",
                "/journeyline/survey-service", 11, answer);
        // A touchpoint belongs there, but not under a source of Journeyline's own services.
        ObjectNode posing = victim.send(Topics.TOUCHPOINTS, "io.journeyline.touchpoint.recorded",
                "/journeyline/journey-service", 11, data(victim.id).put("channel", "web").put("touchpoint", "home")
                        .put("action", "visit"));

        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.TOUCHPOINTS),
                record -> victim.id.equals(record.key()), 3, Duration.ofSeconds(15));
        assertThat(deadLetters).extracting(record -> TestKafka.header(record, "dlq-reason"))
                .containsExactly("wrong-topic", "wrong-topic", "reserved-source");
        ObjectNode later = victim.touchpoint(12, "web", "home", "visit", Map.of());
        List<String> timeline = awaitInTimeline(victim.id, later.get("id").asText());
        assertThat(timeline).doesNotContain(completed.get("id").asText(), responded.get("id").asText(),
                posing.get("id").asText());
        assertThat(victim.ruleIds()).containsExactly("PP-REPEATED-ERRORS");
        assertThat(victim.painPoints(false).getString("items[0].status")).isEqualTo("OPEN");
    }

    @Test
    void satelliteServiceEventsReachTheTimeline() {
        String customer = JourneyApi.newCustomer();
        String feedback = UUID.randomUUID().toString();
        sendBinary(Topics.FEEDBACK, customer, feedback, "io.journeyline.feedback.received", data(customer)
                .put("feedbackId", "f-1").put("kind", "complaint").put("category", "BILLING_FEES").put("channel", "phone"));
        String survey = UUID.randomUUID().toString();
        ObjectNode surveyData = data(customer).put("surveyId", "nps-q4").put("surveyKind", "NPS").put("responseId", "r-1");
        surveyData.putObject("scores").put("primary", 3);
        sendBinary(Topics.FEEDBACK, customer, survey, "io.journeyline.survey.responded", surveyData);
        String education = UUID.randomUUID().toString();
        sendBinary(Topics.EDUCATION, customer, education, "io.journeyline.education.completed", data(customer)
                .put("assignmentId", "a-1").put("contentId", "wifi-setup").put("reason", "PP-REPEATED-ERRORS"));

        awaitInTimeline(customer, feedback);
        awaitInTimeline(customer, survey);
        awaitInTimeline(customer, education);
        JourneyApi.timeline(customer, "type=io.journeyline.survey.responded")
                .body("items.size()", equalTo(1))
                .body("items[0].summary", equalTo("NPS response: 3"));
        JourneyApi.timeline(customer, "type=io.journeyline.education.completed")
                .body("items[0].summary", equalTo("education completed wifi-setup (PP-REPEATED-ERRORS)"));
    }

    private static void sendBinary(String topic, String customer, String id, String type, ObjectNode data) {
        TestKafka.produce(topic, customer, data.toString(), Map.of(
                "ce_specversion", "1.0",
                "ce_id", id,
                "ce_source", "/callcenter",
                "ce_type", type,
                "ce_time", "2026-11-21T10:00:00Z",
                "ce_subject", customer,
                "content-type", "application/json"));
    }

    private static Map<String, String> binaryHeaders(String id) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/mobile-app",
                "ce_type", "io.journeyline.touchpoint.recorded", "ce_time", "2026-11-21T10:00:00Z",
                "content-type", "application/json");
    }

    private static ObjectNode data(String customer) {
        return JsonNodeFactory.instance.objectNode().put("customerId", customer);
    }
}
