package io.journeyline.platform.deadletters;

import io.journeyline.contract.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads this service's dead letters from Kafka: the records of {@code <topic>.dlq}, for each topic its channels consume,
 * that this service wrote ({@code dlq-consumer} is its name: the dead-letter topics are shared by every consumer of a
 * topic). Each read uses a short-lived consumer of its own — assigned and positioned by hand, no group, nothing
 * committed — with the service's Kafka client settings ({@code kafka.*}: servers, TLS, SASL), on a worker thread.
 *
 * <p>Order: partitions one after the other (by dead-letter topic, then partition), each by offset — the only order
 * Kafka keeps, and one that does not move while new dead letters arrive (they append), so a cursor (the partition and
 * offset to read next) pages through without gaps or repeats. {@code from} starts each partition at the first offset
 * of that time, {@code to} ends it, so a time filter does not read the whole topic.
 */
@ApplicationScoped
public class DeadLetterReader {
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.(.+)\\.(topics?)");
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafka;
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
    private final DeadLetterConfig config;
    private final String service;
    private final Vertx vertx;
    /** The topics this service's Kafka channels consume, each with the channels that read it. */
    private final Map<String, Set<String>> channelsByTopic;

    public DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaSettings, DeadLetterConfig config,
                            @ConfigProperty(name = "quarkus.application.name") String service, Vertx vertx, Config all) {
        Map<String, Object> settings = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaSettings.forEach((key, value) -> {
            if (known.contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.kafka = Map.copyOf(settings);
        this.config = config;
        this.service = service;
        this.vertx = vertx;
        this.channelsByTopic = consumedTopics(all);
    }

    /** The topics of the {@code mp.messaging.incoming.*} Kafka channels, each with its channels. */
    static Map<String, Set<String>> consumedTopics(Config config) {
        Map<String, Set<String>> byTopic = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            Matcher matcher = INCOMING.matcher(name);
            if (matcher.matches() && "smallrye-kafka".equals(config.getOptionalValue(
                    "mp.messaging.incoming." + matcher.group(1) + ".connector", String.class).orElse(null))) {
                for (String topic : config.getValue(name, String.class).split(",")) {
                    byTopic.computeIfAbsent(topic.trim(), t -> new TreeSet<>()).add(matcher.group(1));
                }
            }
        }
        return byTopic;
    }

    /** The topics whose dead letters this service writes (the originals, not their {@code .dlq}). */
    public Set<String> topics() {
        return channelsByTopic.keySet();
    }

    /** Whether {@code id} names a record of one of this service's dead-letter topics. */
    public boolean isOurs(DeadLetterId id) {
        return topics().stream().anyMatch(topic -> Topics.deadLetterTopicOf(topic).equals(id.topic()));
    }

    /**
     * The channel that dead-lettered {@code deadLetter}: the one its {@code dlq-channel} header names, else the one
     * channel of this service that reads its original topic; empty when that is not known.
     */
    public Optional<String> channelOf(DeadLetter deadLetter) {
        Set<String> channels = channelsByTopic.getOrDefault(deadLetter.originalTopic(), Set.of());
        if (deadLetter.channel() != null) {
            return channels.contains(deadLetter.channel()) ? Optional.of(deadLetter.channel()) : Optional.empty();
        }
        return channels.size() == 1 ? Optional.of(channels.iterator().next()) : Optional.empty();
    }

    /** Dead letters found by a read, and where the next read goes on (null: nothing more). */
    public record Page(List<DeadLetter> items, DeadLetterCursor next) {
    }

    /**
     * Up to {@code limit} dead letters that match {@code filter}, from {@code cursor} (null: the start); reads at most
     * {@code journeyline.dead-letters.max-scanned-per-page} records, so the page may be short with a {@code next}.
     */
    public Uni<Page> page(DeadLetterFilter filter, DeadLetterCursor cursor, int limit) {
        return blocking(() -> scan(filter, cursor, limit, config.maxScannedPerPage(), id -> true, false));
    }

    /**
     * The first {@code max} dead letters that match {@code filter} and {@code wanted}, reading as far as it takes;
     * {@code next} is set when more may match. Fails when the broker stops answering for the read timeout.
     */
    public Uni<Page> select(DeadLetterFilter filter, Predicate<DeadLetterId> wanted, int max) {
        return blocking(() -> scan(filter, null, max, Long.MAX_VALUE, wanted, true));
    }

    /** The dead letters {@code ids} name, as far as they exist (the topic may have dropped them) and are this service's. */
    public Uni<Map<DeadLetterId, DeadLetter>> find(Collection<DeadLetterId> ids) {
        return blocking(() -> {
            Map<DeadLetterId, DeadLetter> found = new HashMap<>();
            List<DeadLetterId> wanted = ids.stream().distinct().toList();
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                assignPaused(consumer, wanted.stream().map(id -> new TopicPartition(id.topic(), id.partition())).distinct().toList());
                for (DeadLetterId id : wanted) {
                    TopicPartition partition = new TopicPartition(id.topic(), id.partition());
                    consumer.resume(List.of(partition));
                    consumer.seek(partition, id.offset());
                    Instant deadline = Instant.now().plus(config.readTimeout());
                    boolean looking = true;
                    while (looking && Instant.now().isBefore(deadline) && consumer.position(partition) <= id.offset()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                            if (record.offset() == id.offset()) {
                                DeadLetter deadLetter = DeadLetter.of(record);
                                if (service.equals(deadLetter.consumer())) {
                                    found.put(id, deadLetter);
                                }
                            }
                            looking = false; // the first record at or after the offset: the one, or it is gone
                            break;
                        }
                    }
                    consumer.pause(List.of(partition));
                }
            }
            return found;
        });
    }

    private Page scan(DeadLetterFilter filter, DeadLetterCursor cursor, int limit, long maxScanned,
                      Predicate<DeadLetterId> wanted, boolean failOnStall) {
        List<DeadLetter> items = new ArrayList<>();
        long scanned = 0;
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, filter);
            assignPaused(consumer, partitions);
            Map<TopicPartition, Long> starts = starts(consumer, partitions, filter, cursor);
            Map<TopicPartition, Long> ends = ends(consumer, partitions, filter);
            for (TopicPartition partition : partitions) {
                Long start = starts.get(partition);
                if (start == null) {
                    continue; // before the cursor
                }
                long next = start;
                long end = ends.get(partition);
                if (next >= end) {
                    continue;
                }
                consumer.resume(List.of(partition));
                consumer.seek(partition, next);
                Instant stalled = Instant.now().plus(config.readTimeout());
                while (next < end) {
                    if (items.size() >= limit || scanned >= maxScanned) {
                        return new Page(items, new DeadLetterCursor(partition.topic(), partition.partition(), next));
                    }
                    var records = consumer.poll(POLL);
                    if (records.isEmpty()) {
                        next = Math.max(next, consumer.position(partition)); // past a gap (deleted or compacted records)
                        if (next < end && Instant.now().isAfter(stalled)) {
                            if (failOnStall) {
                                throw new IllegalStateException("the broker sent no record of " + partition + " within "
                                        + config.readTimeout() + " (at offset " + next + " of " + end + ")");
                            }
                            return new Page(items, new DeadLetterCursor(partition.topic(), partition.partition(), next));
                        }
                        continue;
                    }
                    stalled = Instant.now().plus(config.readTimeout());
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (record.offset() >= end || items.size() >= limit || scanned >= maxScanned) {
                            break;
                        }
                        scanned++;
                        next = record.offset() + 1;
                        DeadLetter deadLetter = DeadLetter.of(record);
                        if (service.equals(deadLetter.consumer()) && filter.matches(deadLetter) && wanted.test(deadLetter.id())) {
                            items.add(deadLetter);
                        }
                    }
                }
                consumer.pause(List.of(partition));
            }
        }
        return new Page(items, null);
    }

    /**
     * Assigns all the read's partitions at once, paused: the read resumes one partition at a time, so records come in
     * the order it wants them, without reassigning (which would drop fetches in flight).
     */
    private static void assignPaused(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        consumer.assign(partitions);
        consumer.pause(partitions);
    }

    /** The partitions of this service's dead-letter topics (of the filter's topic only, if it names one), in order. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, DeadLetterFilter filter) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics()) {
            if (filter.topic() != null && !filter.topic().equals(topic)) {
                continue;
            }
            String deadLetterTopic = Topics.deadLetterTopicOf(topic);
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic);
            if (infos != null) {
                infos.stream().map(info -> new TopicPartition(deadLetterTopic, info.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(partitions::add);
            }
        }
        return partitions;
    }

    /** Where each partition is read from: the cursor's place, or the first offset at {@code from}, or the beginning. */
    private static Map<TopicPartition, Long> starts(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                                    DeadLetterFilter filter, DeadLetterCursor cursor) {
        Map<TopicPartition, Long> starts = new LinkedHashMap<>(consumer.beginningOffsets(partitions));
        if (filter.from() != null) {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, filter.from().toInstant().toEpochMilli()));
            consumer.offsetsForTimes(at).forEach((partition, found) -> starts.put(partition,
                    found == null ? Long.MAX_VALUE : Math.max(starts.get(partition), found.offset())));
        }
        if (cursor != null) {
            TopicPartition from = new TopicPartition(cursor.topic(), cursor.partition());
            boolean before = true;
            for (TopicPartition partition : partitions) {
                if (partition.equals(from)) {
                    before = false;
                    starts.put(partition, Math.max(starts.get(partition), cursor.offset()));
                } else if (before) {
                    starts.remove(partition);
                }
            }
        }
        return starts;
    }

    /** Where each partition's read ends: its end now, or the first offset after {@code to}. */
    private static Map<TopicPartition, Long> ends(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                                  DeadLetterFilter filter) {
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        if (filter.to() != null) {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, filter.to().toInstant().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
            found.forEach((partition, offset) -> {
                if (offset != null) {
                    ends.put(partition, Math.min(ends.get(partition), offset.offset()));
                }
            });
        }
        return ends;
    }

    /** A consumer of its own for one read, named so in the broker's and the client's logs. */
    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-dead-letters-" + reads.incrementAndGet());
        return new KafkaConsumer<>(settings);
    }

    /** Runs Kafka's blocking client on a worker thread; the answer comes back on the caller's Vert.x context. */
    private <T> Uni<T> blocking(Callable<T> work) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
    }
}
