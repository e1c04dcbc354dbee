package io.journeyline.platform.messaging;

import io.journeyline.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moves a record the consumer cannot use to {@code <topic>.dlq}: same key, value and headers, plus headers that
 * say why ({@code dlq-reason}, {@code dlq-detail}) and where it came from (cut to fit the broker's limit if need be). Each dead letter is also remembered in
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
    /** Present on a copy cut to fit the broker's limit: what was cut. */
    public static final String TRUNCATED = "dlq-truncated";
    /** The consumer channel that dead-lettered the record (replay hands it back to that channel's intake). */
    public static final String CHANNEL = "dlq-channel";
    /** On a record dead-lettered again by a replay: the id of the dead letter it replays ({@code <dlq-topic>:<partition>:<offset>}). */
    public static final String REPLAY_OF = "dlq-replay-of";
    /** What every header this class adds begins with; a replay strips them before the intake sees the record. */
    public static final String HEADER_PREFIX = "dlq-";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_DETAIL_LENGTH = 2000;

    private final KafkaOut kafka;
    private final MeterRegistry registry;
    private final Clock clock;
    private final RecordSizeLimit sizeLimit;
    private final ConsumerConfig config;
    private final String consumer;

    public DeadLetters(KafkaOut kafka, MeterRegistry registry, Clock clock, RecordSizeLimit sizeLimit,
                       ConsumerConfig config, @ConfigProperty(name = "quarkus.application.name") String consumer) {
        this.kafka = kafka;
        this.registry = registry;
        this.clock = clock;
        this.sizeLimit = sizeLimit;
        this.config = config;
        this.consumer = consumer;
    }

    /** A record's place in its topic: what identifies it across redeliveries. */
    public record Coordinates(String topic, int partition, long offset) {
        public static Coordinates of(ConsumerRecord<?, ?> record) {
            return new Coordinates(record.topic(), record.partition(), record.offset());
        }
    }

    /**
     * Publishes the dead letter, then remembers it; the Uni completes once both are done, so the original may
     * then be committed. A crash between the two sends it again on redelivery: at least once, never lost.
     *
     * <p>The copy always fits: a record whose copy (the original plus these headers) would exceed the producer's
     * limit is sent truncated — the first bytes of its value, its small headers, and {@code dlq-truncated} saying what
     * was cut; its coordinates name the original, which stays on its topic. A failure that may pass (the broker is
     * away) is retried with the consumer's back-off and then fails the channel as any outage does. A copy Kafka refuses
     * for good (the dead-letter topic takes smaller records) is remembered anyway, with why, and counted
     * ({@code journeyline.events.dead.letters.refused}): the channel goes on.
     */
    public Uni<Void> send(String channel, ConsumerRecord<String, byte[]> record, String reason, String detail) {
        return send(channel, record, reason, detail, null);
    }

    /**
     * As {@link #send(String, ConsumerRecord, String, String)}, for a record that a replay of the dead letter
     * {@code replayOf} (its id; null outside a replay) dead-lettered again: the new copy names it in {@value #REPLAY_OF}.
     */
    public Uni<Void> send(String channel, ConsumerRecord<String, byte[]> record, String reason, String detail,
                          String replayOf) {
        LOG.warnf("dead-lettering %s-%d@%d: %s: %s", record.topic(), record.partition(), record.offset(), reason, detail);
        String shortDetail = detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail;
        Headers ours = new RecordHeaders();
        add(ours, REASON, reason);
        add(ours, DETAIL, shortDetail);
        add(ours, ORIGINAL_TOPIC, record.topic());
        add(ours, ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(ours, ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(ours, CONSUMER, consumer);
        add(ours, CHANNEL, channel);
        if (replayOf != null) {
            add(ours, REPLAY_OF, replayOf);
        }
        Copy copy = Copy.fitting(record.key(), record.value(), record.headers(), ours, sizeLimit.limit());
        String deadLetterTopic = Topics.deadLetterTopicOf(record.topic());
        return Uni.createFrom().deferred(() -> kafka.send(deadLetterTopic, record.key(), copy.value(), copy.headers()))
                .onFailure(Failures::isTransient).retry()
                .withBackOff(config.initialBackOff(), config.maxBackOff()).atMost(config.retries())
                .map(sent -> shortDetail)
                .onFailure(Failures::isRefusedRecord).recoverWithItem(failure -> {
                    LOG.errorf("the dead-letter copy of %s-%d@%d was refused by %s: %s; remembered without it",
                            record.topic(), record.partition(), record.offset(), deadLetterTopic, Failures.describe(failure));
                    registry.counter("journeyline.events.dead.letters.refused", "topic", record.topic()).increment();
                    return limit("not published to " + deadLetterTopic + " (" + Failures.describe(failure) + "): "
                            + shortDetail);
                })
                .chain(remembered -> remember(channel, record, reason, remembered))
                .invoke(() -> registry.counter("journeyline.events.dead.lettered", "topic", record.topic(), "reason", reason)
                        .increment())
                .replaceWithVoid();
    }

    private Uni<Integer> remember(String channel, ConsumerRecord<String, byte[]> record, String reason, String detail) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into platform_dead_letters
                            (channel, topic, record_partition, record_offset, reason, detail, dead_lettered_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, channel).setParameter(2, record.topic()).setParameter(3, record.partition())
                .setParameter(4, record.offset()).setParameter(5, reason)
                .setParameter(6, detail.replace('\u0000', ' ')).setParameter(7, OffsetDateTime.now(clock))
                .executeUpdate()));
    }

    /**
     * A dead letter's value and headers: the original's, with this consumer's {@code dlq-*} headers in place of any the
     * original carried — cut to fit the producer's limit when the whole copy would not.
     */
    record Copy(byte[] value, Headers headers) {
        /** The original's headers a cut copy keeps, in order, up to this many bytes (its CloudEvents attributes first). */
        private static final int KEPT_HEADER_BYTES = 4096;
        /** Room left for what the size estimate cannot know in advance (the truncation header's own digits). */
        private static final int SLACK = 512;

        static Copy fitting(String key, byte[] value, Headers original, Headers ours, int limit) {
            byte[] bytes = value == null ? new byte[0] : value;
            Headers all = new RecordHeaders();
            original.forEach(header -> {
                if (!header.key().startsWith(HEADER_PREFIX)) {
                    all.add(header);
                }
            });
            ours.forEach(all::add);
            int full = RecordSizeLimit.sizeOf(key, bytes, all);
            if (full <= limit) {
                return new Copy(value, all);
            }
            Headers kept = new RecordHeaders();
            int budget = KEPT_HEADER_BYTES;
            int dropped = 0;
            for (Header header : original) {
                int size = header.key().length() + (header.value() == null ? 0 : header.value().length);
                if (!header.key().startsWith(HEADER_PREFIX) && size <= budget) {
                    kept.add(header);
                    budget -= size;
                } else {
                    dropped++;
                }
            }
            ours.forEach(kept::add);
            int room = limit - RecordSizeLimit.sizeOf(key, new byte[0], kept) - SLACK;
            byte[] head = Arrays.copyOf(bytes, Math.max(0, Math.min(bytes.length, room)));
            add(kept, TRUNCATED, "the copy of this " + full + "-byte record would exceed the limit of " + limit
                    + " bytes: it keeps the first " + head.length + " of " + bytes.length + " value bytes and drops "
                    + dropped + " of the original's headers (beyond " + KEPT_HEADER_BYTES + " bytes of them); the"
                    + " original is at " + ORIGINAL_TOPIC + "/" + ORIGINAL_PARTITION + "/" + ORIGINAL_OFFSET);
            return new Copy(head, kept);
        }
    }

    private static String limit(String detail) {
        return detail.length() > MAX_DETAIL_LENGTH ? detail.substring(0, MAX_DETAIL_LENGTH) : detail;
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
