package io.journeyline.testing;

import io.journeyline.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads tests rely on to say "exactly one", checked against a real broker: a second matching record, on another
 * partition or after the first, is returned. Not a {@code @QuarkusTest}: TestKafka is a plain client.
 */
class TestKafkaTest {
    private static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        RealInfrastructure.createContractTopics(kafka.bootstrapServers());
        // what RealInfrastructure hands Quarkus; here the config's system-property source carries it
        System.setProperty("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void readAllReturnsASecondMatchingRecordOnAnotherPartition() {
        String key = "dup-" + UUID.randomUUID();
        Predicate<ConsumerRecord<String, byte[]>> mine = record -> key.equals(record.key());
        TestKafka.produce(Topics.FEEDBACK, 0, key, "first", Map.of());
        TestKafka.produce(Topics.FEEDBACK, 1, "someone-else", "noise", Map.of());
        TestKafka.produce(Topics.FEEDBACK, 2, key, "second", Map.of());

        assertThat(TestKafka.readAll(Topics.FEEDBACK, mine, 1, Duration.ofSeconds(10)))
                .extracting(record -> new String(record.value())).containsExactlyInAnyOrder("first", "second");
        assertThat(TestKafka.readAll(Topics.FEEDBACK, mine)).hasSize(2);
    }

    @Test
    void readAllReturnsASecondMatchingRecordAfterTheFirstOnTheSamePartition() {
        String key = "dup-" + UUID.randomUUID();
        Predicate<ConsumerRecord<String, byte[]>> mine = record -> key.equals(record.key());
        TestKafka.produce(Topics.INSIGHTS, key, "first", Map.of());
        // the old read stops at the first match it is asked for: "exactly one" after it saw one whatever followed
        assertThat(TestKafka.read(Topics.INSIGHTS, mine, 1, Duration.ofSeconds(10))).hasSize(1);
        TestKafka.produceAll(Topics.INSIGHTS, List.of(Map.entry("someone-else", "noise"), Map.entry(key, "second")));

        List<ConsumerRecord<String, byte[]>> all = TestKafka.readAll(Topics.INSIGHTS, mine, 1, Duration.ofSeconds(10));
        assertThat(all).extracting(record -> new String(record.value())).containsExactly("first", "second");
    }

    @Test
    void readAllOfNothingMatchingIsEmptyOnceTheTopicIsReadToItsEnd() {
        TestKafka.produce(Topics.OUTBOUND, "someone", "noise", Map.of());
        assertThat(TestKafka.readAll(Topics.OUTBOUND, record -> "nobody".equals(record.key()))).isEmpty();
    }
}
