package io.journeyline.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A plain Kafka client for tests: produce records as another company system would, read topics back. */
public final class TestKafka {
    private TestKafka() {
    }

    /** The bootstrap servers Quarkus was given. */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Produces one record and waits for the broker's acknowledgement. */
    public static void produce(String topic, String key, byte[] value, Map<String, String> headers) {
        send(new ProducerRecord<>(topic, key, value), headers);
    }

    /** Produces one record onto a given partition, as a producer that partitions keys its own way would. */
    public static void produce(String topic, int partition, String key, String value, Map<String, String> headers) {
        send(new ProducerRecord<>(topic, partition, key, value.getBytes(StandardCharsets.UTF_8)), headers);
    }

    private static void send(ProducerRecord<String, byte[]> record, Map<String, String> headers) {
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        sendAll(List.of(record));
    }

    /**
     * Produces many keyed text values (structured-mode events, say) through one producer, in list order, as a company
     * system streaming its history would; returns once the broker has acknowledged them all.
     */
    public static void produceAll(String topic, List<Map.Entry<String, String>> keyedValues) {
        sendAll(keyedValues.stream().map(entry -> new ProducerRecord<>(topic, entry.getKey(),
                entry.getValue().getBytes(StandardCharsets.UTF_8))).toList());
    }

    private static void sendAll(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>(records.size());
            records.forEach(record -> acks.add(producer.send(record)));
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + records.get(0).topic(), e);
        }
    }

    /**
     * Reads {@code topic} from the beginning and returns the records that match {@code filter} up to and including
     * the first that matches {@code sentinel}: a test that must show something was NOT written sends a sentinel
     * after it and reads up to the sentinel, instead of waiting out a timeout. Fails if the sentinel never comes.
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                                 Predicate<ConsumerRecord<String, byte[]>> sentinel,
                                                                 Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromBeginning(topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        matching.add(record);
                        if (sentinel.test(record)) {
                            return matching;
                        }
                    }
                }
            }
        }
        throw new AssertionError("the sentinel never reached " + topic + " within " + timeout + "; read " + matching.size());
    }

    /** Produces a text value. */
    public static void produce(String topic, String key, String value, Map<String, String> headers) {
        produce(topic, key, value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Reads {@code topic} from the beginning until {@code expected} records match {@code filter} or
     * {@code timeout} passes; returns the matching records. It stops at the {@code expected}-th match, so it cannot
     * show that there are no more: a test that asserts "exactly these" or "only one" reads with {@link #readAll}.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                            int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromBeginning(topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (matching.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                });
            }
        }
        return matching;
    }

    /**
     * Reads every partition of {@code topic} from the beginning to its end as it stands when this is called, and
     * returns every record that matches {@code filter}. Call it once the work under test is known to be done (the
     * HTTP call returned, the database state was observed, a sentinel arrived), so that anything that work published
     * is before those ends, a second copy included.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
        return readAll(topic, filter, 0, Duration.ZERO);
    }

    /**
     * Reads {@code topic} from the beginning until at least {@code atLeast} records match {@code filter} (or
     * {@code timeout} passes), then on to the end of every partition as it stands at that moment, and returns every
     * record that matches: unlike {@link #read}, which stops at the {@code expected}-th match, it sees a record too
     * many. Their arrival is the sign that the work under test is done; what the work published after them in the
     * same partition's order (a duplicate, say) is then on the topic too.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                               int atLeast, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromBeginning(topic)) {
            Instant deadline = Instant.now().plus(timeout);
            while (matching.size() < atLeast && Instant.now().isBefore(deadline)) {
                pollInto(consumer, filter, matching);
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            Instant endDeadline = Instant.now().plus(Duration.ofSeconds(30));
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (Instant.now().isAfter(endDeadline)) {
                    throw new AssertionError("could not read " + topic + " to its end " + ends + " within 30 s");
                }
                pollInto(consumer, filter, matching);
            }
        }
        return matching;
    }

    private static void pollInto(KafkaConsumer<String, byte[]> consumer, Predicate<ConsumerRecord<String, byte[]>> filter,
                                 List<ConsumerRecord<String, byte[]>> matching) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (filter.test(record)) {
                matching.add(record);
            }
        });
    }

    /** A consumer assigned every partition of {@code topic}, at the beginning (no group, nothing committed). */
    private static KafkaConsumer<String, byte[]> fromBeginning(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
