package io.journeyline.platform.messaging;

import io.journeyline.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a record the consumer cannot use to {@code <topic>.dlq}: same key, value and headers, plus headers that
 * say why ({@code dlq-reason}, {@code dlq-detail}) and where it came from. Each dead letter is also remembered in
 * {@code platform_dead_letters} by the record's coordinates, so a record delivered again (a retried batch, a
 * restarted channel) is not dead-lettered twice.
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
    private final Clock clock;
    private final String consumer;

    public DeadLetters(KafkaOut kafka, MeterRegistry registry, Clock clock,
                       @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.kafka = kafka;
        this.registry = registry;
        this.clock = clock;
        this.consumer = consumer;
    }

    /** A record's place in its topic: what identifies it across redeliveries. */
    public record Coordinates(String topic, int partition, long offset) {
        static Coordinates of(ConsumerRecord<?, ?> record) {
            return new Coordinates(record.topic(), record.partition(), record.offset());
        }
    }

    /**
     * Publishes the dead letter, then remembers it; the Uni completes once both are done, so the original may
     * then be committed. A crash between the two sends it again on redelivery: at least once, never lost.
     */
    public Uni<Void> send(String channel, ConsumerRecord<String, byte[]> record, String reason, String detail) {
        LOG.warnf("dead-lettering %s-%d@%d: %s: %s", record.topic(), record.partition(), record.offset(), reason, detail);
        Headers headers = new RecordHeaders(record.headers().toArray());
        String shortDetail = detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail;
        add(headers, REASON, reason);
        add(headers, DETAIL, shortDetail);
        add(headers, ORIGINAL_TOPIC, record.topic());
        add(headers, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, CONSUMER, consumer);
        return kafka.send(Topics.deadLetterTopicOf(record.topic()), record.key(), record.value(), headers)
                .chain(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into platform_dead_letters
                                    (channel, topic, record_partition, record_offset, reason, detail, dead_lettered_at)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                        .setParameter(1, channel).setParameter(2, record.topic()).setParameter(3, record.partition())
                        .setParameter(4, record.offset()).setParameter(5, reason)
                        .setParameter(6, shortDetail.replace('\u0000', ' ')).setParameter(7, OffsetDateTime.now(clock))
                        .executeUpdate())))
                .invoke(() -> registry.counter("journeyline.events.dead.lettered", "topic", record.topic(), "reason", reason)
                        .increment())
                .replaceWithVoid();
    }

    /** The records of {@code records} this channel has already dead-lettered (one query per batch). */
    public Uni<Set<Coordinates>> alreadyDeadLettered(String channel, List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> byPartition = records.stream()
                .collect(Collectors.groupingBy(record -> record.topic() + "\u001f" + record.partition()));
        StringBuilder sql = new StringBuilder(
                "select topic, record_partition, record_offset from platform_dead_letters where channel = ?1 and (");
        List<Object> parameters = new ArrayList<>(List.of(channel));
        String or = "";
        for (List<ConsumerRecord<String, byte[]>> ofPartition : byPartition.values()) {
            ConsumerRecord<String, byte[]> first = ofPartition.get(0);
            long min = ofPartition.stream().mapToLong(ConsumerRecord::offset).min().orElseThrow();
            long max = ofPartition.stream().mapToLong(ConsumerRecord::offset).max().orElseThrow();
            int n = parameters.size();
            sql.append(or).append("(topic = ?").append(n + 1).append(" and record_partition = ?").append(n + 2)
                    .append(" and record_offset between ?").append(n + 3).append(" and ?").append(n + 4).append(')');
            parameters.addAll(List.of(first.topic(), first.partition(), min, max));
            or = " or ";
        }
        sql.append(')');
        return Panache.withSession(() -> Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), Object[].class);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query.getResultList();
        })).map(rows -> {
            Set<Coordinates> found = new HashSet<>();
            rows.forEach(row -> found.add(new Coordinates((String) row[0], ((Number) row[1]).intValue(),
                    ((Number) row[2]).longValue())));
            return found;
        });
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
