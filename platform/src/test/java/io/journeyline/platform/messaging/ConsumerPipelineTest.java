package io.journeyline.platform.messaging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.testapp.TestEventsConsumer;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The consumer pipeline against a real broker and database: a poison event is isolated instead of stopping the
 * channel, dead letters are written once even when records come again, other types are skipped and counted.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumerPipelineTest {
    private static final String DLQ = Topics.deadLetterTopicOf(Topics.FEEDBACK);

    @Inject
    EventIntake intake;
    @Inject
    TestEventsConsumer consumer;

    @Test
    void aPoisonEventIsDeadLetteredOnceAndTheRestOfItsBatchIsProcessed() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "evt-" + i + "-" + UUID.randomUUID();
            ids.add(id);
            produceFeedback(customer, id, i == 4 ? "poison" : "fine " + i);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(customer).size() == 9);
        List<String> expected = new ArrayList<>(ids);
        expected.remove(4);
        assertThat(handled(customer)).containsExactlyInAnyOrderElementsOf(expected);

        // The same records handed to the pipeline again, as after a rebalance or a restart: nothing doubles.
        List<ConsumerRecord<String, byte[]>> originals = TestKafka.read(Topics.FEEDBACK, r -> customer.equals(r.key()), 10,
                Duration.ofSeconds(10));
        VertxContextSupport.subscribeAndAwait(() -> intake.accept(TestEventsConsumer.CHANNEL, batchOf(originals)));

        String sentinel = sendSentinelDeadLetter(customer);
        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readUntil(DLQ, r -> customer.equals(r.key()),
                r -> sentinel.equals(TestKafka.header(r, "ce_id")), Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(2);
        ConsumerRecord<String, byte[]> poison = deadLetters.get(0);
        assertThat(TestKafka.header(poison, "ce_id")).isEqualTo(ids.get(4));
        assertThat(TestKafka.header(poison, "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(poison, "dlq-detail")).contains("IllegalStateException").contains("poison event");
        assertThat(handled(customer)).hasSize(9);

        // The channel is alive: readiness is UP and a later event is processed.
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String later = "evt-later-" + UUID.randomUUID();
        produceFeedback(customer, later, "after the poison");
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(customer).contains(later));
    }

    @Test
    void aTransientFailureIsRetriedWithoutDeadLetteringItsBatchsContractViolationsAgain() {
        String customer = "cust-" + UUID.randomUUID();
        String unknownType = "evt-unknown-" + UUID.randomUUID();
        TestKafka.produce(Topics.FEEDBACK, customer, data(customer).toString(), binaryHeaders(unknownType, "com.example.unknown"));
        String flaky = "evt-flaky-" + UUID.randomUUID();
        produceFeedback(customer, flaky, "flaky-once:" + flaky);

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(customer).contains(flaky));

        String sentinel = sendSentinelDeadLetter(customer);
        assertThat(TestKafka.readUntil(DLQ, r -> customer.equals(r.key()), r -> sentinel.equals(TestKafka.header(r, "ce_id")),
                Duration.ofSeconds(20)))
                .extracting(r -> TestKafka.header(r, "ce_id")).containsExactly(unknownType, sentinel);
    }

    @Test
    void anEventOnATopicTheContractDoesNotGiveItsTypeIsDeadLetteredAsWrongTopic() {
        String customer = "cust-" + UUID.randomUUID();
        // A touchpoint is the company's to send, on journey.touchpoints; here it is written to journey.feedback.
        String misplaced = "evt-misplaced-" + UUID.randomUUID();
        ObjectNode touchpoint = data(customer).put("channel", "web").put("touchpoint", "home").put("action", "visit");
        TestKafka.produce(Topics.FEEDBACK, customer, touchpoint.toString(),
                binaryHeaders(misplaced, "io.journeyline.touchpoint.recorded"));

        String sentinel = sendSentinelDeadLetter(customer);
        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readUntil(DLQ, r -> customer.equals(r.key()),
                r -> sentinel.equals(TestKafka.header(r, "ce_id")), Duration.ofSeconds(20));
        assertThat(deadLetters).extracting(r -> TestKafka.header(r, "ce_id")).containsExactly(misplaced, sentinel);
        assertThat(TestKafka.header(deadLetters.get(0), "dlq-reason")).isEqualTo("wrong-topic");
        assertThat(TestKafka.header(deadLetters.get(0), "dlq-detail"))
                .isEqualTo("'io.journeyline.touchpoint.recorded' belongs on journey.touchpoints, where only its owner"
                        + " publishes it; it may not arrive on journey.feedback");
    }

    @Test
    void typesTheConsumerDoesNotHandleAreSkippedAndCounted() {
        String customer = "cust-" + UUID.randomUUID();
        ObjectNode caseOpened = data(customer).put("caseId", "case-1").put("status", "RECEIVED");
        TestKafka.produce(Topics.FEEDBACK, customer, caseOpened.toString(),
                binaryHeaders("evt-case-" + UUID.randomUUID(), "io.journeyline.case.opened"));
        String after = "evt-after-" + UUID.randomUUID();
        produceFeedback(customer, after, "fine");

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(customer).contains(after));
        assertThat(handled(customer)).containsExactly(after);
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("journeyline_events_skipped_total{channel=\"test-events\",type=\"io.journeyline.case.opened\"}"));
    }

    @Test
    void aRecordNearTheBrokersLimitIsDeadLetteredAsATruncatedCopyAndTheChannelGoesOn() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        // Not JSON, and as large as Kafka takes: its copy with the dead-letter headers would not fit.
        Map<String, String> headers = Map.of("origin", "near-the-limit");
        int size = 1_048_576 - 160;
        byte[] value = ("{" + "x".repeat(size - 1)).getBytes(StandardCharsets.UTF_8);
        TestKafka.produce(Topics.FEEDBACK, customer, value, headers);
        String later = "evt-later-" + UUID.randomUUID();
        produceFeedback(customer, later, "after the big one");

        await().atMost(Duration.ofSeconds(30)).until(() -> handled(customer).contains(later));
        String sentinel = sendSentinelDeadLetter(customer);
        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readUntil(DLQ, r -> customer.equals(r.key()),
                r -> sentinel.equals(TestKafka.header(r, "ce_id")), Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(2);
        ConsumerRecord<String, byte[]> copy = deadLetters.get(0);
        assertThat(TestKafka.header(copy, "dlq-reason")).isEqualTo("malformed-json");
        assertThat(TestKafka.header(copy, "dlq-original-topic")).isEqualTo(Topics.FEEDBACK);
        assertThat(TestKafka.header(copy, "dlq-original-offset")).isNotBlank();
        assertThat(TestKafka.header(copy, "origin")).isEqualTo("near-the-limit");
        assertThat(TestKafka.header(copy, "dlq-truncated")).contains("keeps the first").contains("of " + value.length);
        assertThat(copy.value().length).isLessThan(value.length).isGreaterThan(1_000_000);
        assertThat(new String(copy.value(), StandardCharsets.UTF_8)).isEqualTo(
                new String(value, StandardCharsets.UTF_8).substring(0, copy.value().length));
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aDeadLetterTheDeadLetterTopicRefusesIsRememberedWithWhyAndTheChannelGoesOn() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        setDeadLetterTopicLimit("1000");
        try {
            String refused = "evt-refused-" + UUID.randomUUID();
            ObjectNode data = data(customer).put("feedbackId", "f-1").put("kind", "complaint")
                    .put("category", "NOT_A_CATEGORY").put("channel", "phone").put("text", "y".repeat(5_000));
            TestKafka.produce(Topics.FEEDBACK, customer, data.toString(),
                    binaryHeaders(refused, "io.journeyline.feedback.received"));
            String later = "evt-later-" + UUID.randomUUID();
            produceFeedback(customer, later, "after the refused one");

            await().atMost(Duration.ofSeconds(30)).until(() -> handled(customer).contains(later));
            String detail = unchecked(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache
                    .getSession().chain(session -> session.createNativeQuery("""
                                    select reason || ': ' || detail from platform_dead_letters
                                    where channel = ?1 and topic = ?2 and detail like '%category%'
                                    order by dead_lettered_at desc limit 1""", String.class)
                            .setParameter(1, TestEventsConsumer.CHANNEL).setParameter(2, Topics.FEEDBACK)
                            .getSingleResult()))));
            assertThat(detail).startsWith("schema-violation: not published to " + DLQ).contains("RecordTooLargeException")
                    .contains("data.category");
            Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            Management.given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("journeyline_events_dead_letters_refused_total{topic=\"journey.feedback\"}"));
        } finally {
            setDeadLetterTopicLimit("1048588");
        }
    }

    private static void setDeadLetterTopicLimit(String bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, DLQ),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
    }

    /** A record that breaks the contract, sent last: once it is on the DLQ, everything before it is too. */
    private static String sendSentinelDeadLetter(String customer) {
        String id = "sentinel-" + UUID.randomUUID();
        TestKafka.produce(Topics.FEEDBACK, customer, data(customer).toString(), binaryHeaders(id, "com.example.sentinel"));
        return id;
    }

    private static void produceFeedback(String customer, String id, String text) {
        ObjectNode data = data(customer).put("feedbackId", "f-" + id).put("kind", "complaint")
                .put("category", "BILLING_FEES").put("channel", "phone").put("text", text);
        TestKafka.produce(Topics.FEEDBACK, customer, data.toString(), binaryHeaders(id, "io.journeyline.feedback.received"));
    }

    private static Map<String, String> binaryHeaders(String id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/test/feedback", "ce_type", type,
                "ce_time", "2026-11-23T10:00:00Z", "content-type", "application/json");
    }

    private static ObjectNode data(String customer) {
        return JsonNodeFactory.instance.objectNode().put("customerId", customer);
    }

    private static ConsumerRecords<String, byte[]> batchOf(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = records.stream()
                .collect(Collectors.groupingBy(r -> new TopicPartition(r.topic(), r.partition())));
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    private static List<String> handled(String customer) {
        return unchecked(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select event_id from handled_events where customer_id = ?1", String.class)
                .setParameter(1, customer).getResultList()))));
    }

    interface Work<T> {
        T run() throws Throwable;
    }

    static <T> T unchecked(Work<T> work) {
        try {
            return work.run();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
