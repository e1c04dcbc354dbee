package io.journeyline.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventSchemas;
import io.journeyline.contract.Topics;
import io.journeyline.contract.Violation;
import io.journeyline.platform.cloudevents.CloudEventCodec;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.cloudevents.MalformedEventException;
import io.journeyline.platform.privacy.Tombstones;
import io.journeyline.platform.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one consumer pipeline. Each consumer registers its channel's {@link EventRoutes} once, when it is made
 * ({@link #register}); a channel delivers each poll as a batch ({@code batch=true}) and its {@code @Incoming} method
 * hands it here ({@link #accept}):
 * <ol>
 * <li>every record is read as a CloudEvent (binary or structured mode) and checked against the contract — including
 * that its type belongs on the topic it came from ({@code wrong-topic}: an outside producer cannot write another
 * service's events); one that breaks it goes to the dead-letter topic, with the reason, unless this channel
 * dead-lettered it before;</li>
 * <li>events of types no route handles are acknowledged and counted ({@code journeyline.events.skipped});</li>
 * <li>the rest are processed in one transaction: records this channel dead-lettered before are skipped (a
 * redelivery), events of erased customers dated before their erasure dropped ({@link Tombstones}), the others
 * deduplicated on (source, id) and dispatched to the routes.</li>
 * </ol>
 * A failure of that transaction is retried with back-off when it is transient (database or broker unavailable);
 * if it persists the channel fails (readiness DOWN, offsets not committed) and the batch comes again after
 * recovery, so nothing is skipped. A permanent failure (the database answers, yet processing fails) is isolated:
 * the events are processed again one per transaction, and only the one that fails is dead-lettered
 * ({@code processing-failed}, with the exception's message); the others are committed.
 *
 * <p>{@link #replay} takes one dead letter's original record through the same steps, as its channel's consumer
 * would, except that it does not skip the record for having been dead-lettered before (that is why it is replayed),
 * and a record it dead-letters again names the dead letter it replays ({@code dlq-replay-of}).
 */
@ApplicationScoped
public class EventIntake {
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final EventSchemas schemas;
    private final DeadLetters deadLetters;
    private final ProcessedEvents processedEvents;
    private final MeterRegistry registry;
    private final ConsumerConfig config;
    private final Tracing tracing;
    private final Tombstones tombstones;
    private final Map<String, EventRoutes> channels = new ConcurrentHashMap<>();

    public EventIntake(EventSchemas schemas, DeadLetters deadLetters, ProcessedEvents processedEvents,
                       MeterRegistry registry, ConsumerConfig config, Tracing tracing, Tombstones tombstones) {
        this.schemas = schemas;
        this.deadLetters = deadLetters;
        this.processedEvents = processedEvents;
        this.registry = registry;
        this.config = config;
        this.tracing = tracing;
        this.tombstones = tombstones;
    }

    /**
     * Declares what {@code channel} handles: a consumer calls this once, in its constructor, for each channel it
     * reads; consumers are {@code @Startup} beans, so the routes are known before a quiet channel's first delivery.
     * Both its deliveries ({@link #accept}) and replays of its dead letters ({@link #replay}) go through them.
     */
    public void register(String channel, EventRoutes routes) {
        if (channels.putIfAbsent(channel, routes) != null) {
            throw new IllegalStateException("the routes of channel " + channel + " are registered twice");
        }
    }

    /** The channels whose routes are registered. */
    public Set<String> channels() {
        return Set.copyOf(channels.keySet());
    }

    /**
     * Processes one polled batch of {@code channel} through its registered routes. The Uni completes when every
     * record is processed, dead-lettered or skipped, so the channel may commit the batch's offsets.
     */
    public Uni<Void> accept(String channel, ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return process(new Pass(channel, routesOf(channel), null), batch).replaceWithVoid();
    }

    /**
     * Takes {@code original} — a dead letter's record as its channel first received it: its topic, partition, offset,
     * key, value and headers (without any {@code dlq-*}) — through {@code channel}'s intake again, and says what
     * became of it. {@code replayOf} is the dead letter's id, named by a dead letter this writes.
     */
    public Uni<RecordOutcome> replay(String channel, ConsumerRecord<String, byte[]> original, String replayOf) {
        return process(new Pass(channel, routesOf(channel), replayOf), List.of(original))
                .map(outcomes -> outcomes.get(DeadLetters.Coordinates.of(original)));
    }

    private EventRoutes routesOf(String channel) {
        EventRoutes routes = channels.get(channel);
        if (routes == null) {
            throw new IllegalStateException("no consumer registered routes for channel " + channel);
        }
        return routes;
    }

    /** One run of the pipeline: a polled batch, or the one record of a replay ({@code replayOf} not null). */
    private record Pass(String channel, EventRoutes routes, String replayOf) {
        boolean isReplay() {
            return replayOf != null;
        }
    }

    /** A record that is a valid event of a handled type. */
    private record Valid(ConsumerRecord<String, byte[]> record, IncomingEvent event) {
        DeadLetters.Coordinates coordinates() {
            return DeadLetters.Coordinates.of(record);
        }
    }

    /** A record that breaks the contract, and why. */
    private record Rejected(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    }

    /** Every record's outcome, by its coordinates, once all are done. */
    private Uni<Map<DeadLetters.Coordinates, RecordOutcome>> process(Pass pass, List<ConsumerRecord<String, byte[]>> records) {
        Map<DeadLetters.Coordinates, RecordOutcome> outcomes = new HashMap<>();
        List<Valid> handled = new ArrayList<>(records.size());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                IncomingEvent event = read(record);
                if (pass.routes().handles(event.type())) {
                    handled.add(new Valid(record, event));
                } else {
                    registry.counter("journeyline.events.skipped", "channel", pass.channel(), "type", event.type().type())
                            .increment();
                    outcomes.put(DeadLetters.Coordinates.of(record),
                            RecordOutcome.skipped("no route of " + pass.channel() + " handles " + event.type().type()));
                }
            } catch (MalformedEventException e) {
                rejected.add(new Rejected(record, e.reason(), e.getMessage()));
            }
        }
        Uni<Void> deadLettered = rejected.isEmpty() ? Uni.createFrom().voidItem() : deadLetterOnce(pass, rejected, outcomes);
        return deadLettered.chain(() -> handled.isEmpty() ? Uni.createFrom().voidItem()
                        : processBatch(pass, handled, outcomes))
                .replaceWith(outcomes);
    }

    /**
     * Dead-letters the contract violations this channel has not dead-lettered before (a redelivery); a replay
     * dead-letters its record again whatever came before.
     */
    private Uni<Void> deadLetterOnce(Pass pass, List<Rejected> rejected, Map<DeadLetters.Coordinates, RecordOutcome> outcomes) {
        return alreadyDeadLettered(pass, rejected.stream().map(Rejected::record).toList()).chain(done -> {
            List<Rejected> toSend = new ArrayList<>(rejected.size());
            for (Rejected r : rejected) {
                DeadLetters.Coordinates coordinates = DeadLetters.Coordinates.of(r.record());
                if (done.contains(coordinates)) {
                    outcomes.put(coordinates, RecordOutcome.skipped("dead-lettered before"));
                } else {
                    toSend.add(r);
                }
            }
            // One after the other, so the dead letters keep their records' order.
            return InOrder.each(toSend, r -> deadLetters.send(pass.channel(), r.record(), r.reason(), r.detail(), pass.replayOf())
                    .invoke(() -> outcomes.put(DeadLetters.Coordinates.of(r.record()),
                            RecordOutcome.deadLettered(r.reason(), r.detail()))));
        });
    }

    private Uni<Void> processBatch(Pass pass, List<Valid> batch, Map<DeadLetters.Coordinates, RecordOutcome> outcomes) {
        List<Span> spans = batch.stream().map(valid -> tracing.start("consume " + valid.event().type().type(),
                        SpanKind.CONSUMER, valid.event().traceparent())
                .setAttribute(Tracing.EVENT_ID, valid.event().id())
                .setAttribute("messaging.destination.name", valid.record().topic())).toList();
        return withTransientRetries(pass.channel(), () -> inOneTransaction(pass, batch))
                .invoke(outcomes::putAll).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> isPermanent(failure).chain(permanent -> {
                    if (!permanent) {
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.warnf("a batch of %d events on %s failed (%s); processing them one by one to isolate the cause",
                            batch.size(), pass.channel(), Failures.describe(failure));
                    return batch.size() == 1 ? deadLetterFailed(pass, batch.get(0), failure, outcomes)
                            : oneByOne(pass, batch, outcomes);
                }))
                .onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(spans, failure));
    }

    /** In order, one transaction each; the first event that fails permanently goes to the DLQ, the next one goes on. */
    private Uni<Void> oneByOne(Pass pass, List<Valid> batch, Map<DeadLetters.Coordinates, RecordOutcome> outcomes) {
        return InOrder.each(batch, valid -> withTransientRetries(pass.channel(), () -> inOneTransaction(pass, List.of(valid)))
                .invoke(outcomes::putAll).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> isPermanent(failure).chain(permanent -> permanent
                        ? deadLetterFailed(pass, valid, failure, outcomes)
                        : Uni.createFrom().failure(failure))));
    }

    /**
     * One transaction: skip records this channel dead-lettered before (a processing failure, delivered again; not in a
     * replay), then dedupe and dispatch; counts what was new and what was a duplicate once it committed. Answers each
     * record's outcome, to be kept once the transaction committed.
     */
    private Uni<Map<DeadLetters.Coordinates, RecordOutcome>> inOneTransaction(Pass pass, List<Valid> batch) {
        Map<DeadLetters.Coordinates, RecordOutcome> outcomes = new HashMap<>();
        return Panache.withTransaction(() -> alreadyDeadLettered(pass, batch.stream().map(Valid::record).toList()).chain(done -> {
                    List<Valid> delivered = new ArrayList<>(batch.size());
                    for (Valid valid : batch) {
                        if (done.contains(valid.coordinates())) {
                            outcomes.put(valid.coordinates(), RecordOutcome.skipped("dead-lettered before"));
                        } else {
                            delivered.add(valid);
                        }
                    }
                    List<IncomingEvent> events = delivered.stream().map(Valid::event).toList();
                    return tombstones.withoutErased(pass.channel(), events).chain(kept -> processedEvents.firstSeen(kept)
                            .call(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem() : pass.routes().dispatch(fresh))
                            .invoke(fresh -> {
                                fresh.forEach(event -> registry.counter("journeyline.events.consumed",
                                        "type", event.type().type()).increment());
                                if (fresh.size() < kept.size()) {
                                    registry.counter("journeyline.events.duplicates").increment(kept.size() - fresh.size());
                                }
                                Set<IncomingEvent> keptEvents = identitySet(kept);
                                Set<IncomingEvent> freshEvents = identitySet(fresh);
                                for (Valid valid : delivered) {
                                    outcomes.put(valid.coordinates(), !keptEvents.contains(valid.event())
                                            ? RecordOutcome.skipped("its customer was erased after it happened")
                                            : freshEvents.contains(valid.event()) ? RecordOutcome.processed()
                                            : RecordOutcome.duplicate());
                                }
                            }));
                }))
                .replaceWith(outcomes);
    }

    /** The records this channel dead-lettered before; none for a replay, which is there to take one again. */
    private Uni<Set<DeadLetters.Coordinates>> alreadyDeadLettered(Pass pass, List<ConsumerRecord<String, byte[]>> records) {
        return pass.isReplay() ? Uni.createFrom().item(Set.of()) : deadLetters.alreadyDeadLettered(pass.channel(), records);
    }

    /** The very events of {@code events} (the pipeline's steps answer subsets of the instances they were given). */
    private static Set<IncomingEvent> identitySet(List<IncomingEvent> events) {
        Set<IncomingEvent> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(events);
        return set;
    }

    /** Retries a transient failure with back-off, counting each by what failed (a SQLSTATE such as 40P01). */
    private <T> Uni<T> withTransientRetries(String channel, java.util.function.Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(work::get)
                .onFailure(Failures::isTransient).invoke(failure -> registry.counter("journeyline.events.transient.failures",
                        "channel", channel, "cause", Failures.kind(failure)).increment())
                .onFailure(Failures::isTransient).retry()
                .withBackOff(config.initialBackOff(), config.maxBackOff()).atMost(config.retries());
    }

    /**
     * A failure is permanent when it is not known to be transient and the database still answers: an outage of
     * a kind {@link Failures} does not know then stops the channel instead of dead-lettering good events. A statement
     * that still timed out after its retries is permanent too (when the database answers): the batch is redone one
     * event at a time, so only an event that times out on its own is dead-lettered, and the partition is not stuck.
     */
    private Uni<Boolean> isPermanent(Throwable failure) {
        if (Failures.isTransient(failure) && !Failures.isStatementTimeout(failure)) {
            return Uni.createFrom().item(false);
        }
        return Panache.withSession(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select 1", Integer.class).getSingleResult()))
                .map(answered -> true)
                .onFailure().recoverWithItem(false);
    }

    private Uni<Void> deadLetterFailed(Pass pass, Valid valid, Throwable failure,
                                       Map<DeadLetters.Coordinates, RecordOutcome> outcomes) {
        registry.counter("journeyline.events.failed", "type", valid.event().type().type()).increment();
        String detail = Failures.describe(failure);
        return deadLetters.send(pass.channel(), valid.record(), "processing-failed", detail, pass.replayOf())
                .invoke(() -> outcomes.put(valid.coordinates(), RecordOutcome.deadLettered("processing-failed", detail)));
    }

    private IncomingEvent read(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = CloudEventCodec.readKafkaRecord(record);
        List<Violation> violations = schemas.validate(envelope);
        if (!violations.isEmpty()) {
            String reason = violations.stream().anyMatch(v -> v.field().equals("type") && v.message().startsWith("unknown"))
                    ? "unknown-type" : "schema-violation";
            throw new MalformedEventException(reason, describe(violations));
        }
        IncomingEvent event = IncomingEvent.fromValidEnvelope(envelope);
        if (!event.type().belongsOn(record.topic())) {
            throw new MalformedEventException("wrong-topic", "'" + event.type().type() + "' belongs on "
                    + String.join(" or ", new java.util.TreeSet<>(event.type().topics())) + ", where only its owner publishes it; it may not arrive on " + record.topic());
        }
        if (Topics.OPEN_TO_PRODUCERS.equals(record.topic()) && event.source().startsWith(Topics.RESERVED_SOURCE_PREFIX)) {
            throw new MalformedEventException("reserved-source", "source '" + event.source() + "' is Journeyline's own ("
                    + Topics.RESERVED_SOURCE_PREFIX + "…): no event on " + record.topic() + " may claim it");
        }
        return event;
    }

    /** Violations as one line: {@code data.channel: does not have a value in the enumeration …; …}. */
    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }
}
