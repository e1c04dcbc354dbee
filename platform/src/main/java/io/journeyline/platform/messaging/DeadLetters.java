package io.journeyline.platform.messaging;

import io.journeyline.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Moves a record that breaks the contract to {@code <topic>.dlq}: same key, value and headers, plus
 * headers that say why ({@code dlq-reason}, {@code dlq-detail}) and where it came from.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dlq-reason";
    public static final String DETAIL = "dlq-detail";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String CONSUMER = "dlq-consumer";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_DETAIL_LENGTH = 2000;

    private final KafkaOut kafka;
    private final MeterRegistry registry;
    private final String consumer;

    public DeadLetters(KafkaOut kafka, MeterRegistry registry,
                       @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.kafka = kafka;
        this.registry = registry;
        this.consumer = consumer;
    }

    /** Publishes the dead letter; the Uni completes once Kafka has it, so the original may then be committed. */
    public Uni<Void> send(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        LOG.warnf("dead-lettering %s-%d@%d: %s: %s", record.topic(), record.partition(), record.offset(), reason, detail);
        Headers headers = new RecordHeaders(record.headers().toArray());
        add(headers, REASON, reason);
        add(headers, DETAIL, detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail);
        add(headers, ORIGINAL_TOPIC, record.topic());
        add(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, CONSUMER, consumer);
        return kafka.send(Topics.deadLetterTopicOf(record.topic()), record.key(), record.value(), headers)
                .invoke(() -> registry.counter("journeyline.events.dead.lettered", "topic", record.topic(), "reason", reason)
                        .increment());
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
