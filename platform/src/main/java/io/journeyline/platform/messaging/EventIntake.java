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
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one consumer pipeline. A channel delivers each poll as a batch ({@code batch=true}); the service's
 * {@code @Incoming} method hands it here with its {@link EventRoutes}:
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

    /** A record that is a valid event of a handled type. */
    private record Valid(ConsumerRecord<String, byte[]> record, IncomingEvent event) {
    }

    /**
     * Processes one polled batch of {@code channel} through {@code routes}. The Uni completes when every record
     * is processed, dead-lettered or skipped, so the channel may commit the batch's offsets.
     */
    public Uni<Void> accept(String channel, ConsumerRecords<String, byte[]> records, EventRoutes routes) {
        List<Valid> handled = new ArrayList<>(records.count());
        List<Rejected> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                IncomingEvent event = read(record);
                if (routes.handles(event.type())) {
                    handled.add(new Valid(record, event));
                } else {
                    registry.counter("journeyline.events.skipped", "channel", channel, "type", event.type().type())
                            .increment();
                }
            } catch (MalformedEventException e) {
                rejected.add(new Rejected(record, e.reason(), e.getMessage()));
            }
        }
        Uni<Void> deadLettered = rejected.isEmpty() ? Uni.createFrom().voidItem() : deadLetterOnce(channel, rejected);
        return deadLettered.chain(() -> handled.isEmpty() ? Uni.createFrom().voidItem()
                : processBatch(channel, handled, routes));
    }

    /** A record that breaks the contract, and why. */
    private record Rejected(ConsumerRecord<String, byte[]> record, String reason, String detail) {
    }

    /** Dead-letters the contract violations this channel has not dead-lettered before (a redelivery). */
    private Uni<Void> deadLetterOnce(String channel, List<Rejected> rejected) {
        return deadLetters.alreadyDeadLettered(channel, rejected.stream().map(Rejected::record).toList())
                .chain(done -> {
                    // One after the other, so the dead letters keep their records' order.
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Rejected r : rejected) {
                        if (!done.contains(DeadLetters.Coordinates.of(r.record()))) {
                            chain = chain.chain(() -> deadLetters.send(channel, r.record(), r.reason(), r.detail()));
                        }
                    }
                    return chain;
                });
    }

    private Uni<Void> processBatch(String channel, List<Valid> batch, EventRoutes routes) {
        List<Span> spans = batch.stream().map(valid -> tracing.start("consume " + valid.event().type().type(),
                        SpanKind.CONSUMER, valid.event().traceparent())
                .setAttribute(Tracing.EVENT_ID, valid.event().id())
                .setAttribute("messaging.destination.name", valid.record().topic())).toList();
        return withTransientRetries(channel, () -> inOneTransaction(channel, batch, routes))
                .onFailure().recoverWithUni(failure -> isPermanent(failure).chain(permanent -> {
                    if (!permanent) {
                        return Uni.createFrom().failure(failure);
                    }
                    LOG.warnf("a batch of %d events on %s failed (%s); processing them one by one to isolate the cause",
                            batch.size(), channel, Failures.describe(failure));
                    return batch.size() == 1 ? deadLetterFailed(channel, batch.get(0), failure)
                            : oneByOne(channel, batch, routes);
                }))
                .onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(spans, failure));
    }

    /** In order, one transaction each; the first event that fails permanently goes to the DLQ, the next one goes on. */
    private Uni<Void> oneByOne(String channel, List<Valid> batch, EventRoutes routes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Valid valid : batch) {
            chain = chain.chain(() -> withTransientRetries(channel, () -> inOneTransaction(channel, List.of(valid), routes))
                    .onFailure().recoverWithUni(failure -> isPermanent(failure).chain(permanent -> permanent
                            ? deadLetterFailed(channel, valid, failure)
                            : Uni.createFrom().failure(failure))));
        }
        return chain;
    }

    /**
     * One transaction: skip records this channel dead-lettered before (a processing failure, delivered again), then
     * dedupe and dispatch; counts what was new and what was a duplicate once it committed.
     */
    private Uni<Void> inOneTransaction(String channel, List<Valid> batch, EventRoutes routes) {
        return Panache.withTransaction(() -> deadLetters.alreadyDeadLettered(channel, batch.stream().map(Valid::record).toList())
                        .chain(done -> {
                            List<IncomingEvent> delivered = batch.stream()
                                    .filter(valid -> !done.contains(DeadLetters.Coordinates.of(valid.record())))
                                    .map(Valid::event).toList();
                            return tombstones.withoutErased(channel, delivered).chain(events -> processedEvents.firstSeen(events)
                                    .call(fresh -> fresh.isEmpty() ? Uni.createFrom().voidItem() : routes.dispatch(fresh))
                                    .invoke(fresh -> {
                                        fresh.forEach(event -> registry.counter("journeyline.events.consumed",
                                                "type", event.type().type()).increment());
                                        if (fresh.size() < events.size()) {
                                            registry.counter("journeyline.events.duplicates")
                                                    .increment(events.size() - fresh.size());
                                        }
                                    }));
                        }))
                .replaceWithVoid();
    }

    /** Retries a transient failure with back-off, counting each by what failed (a SQLSTATE such as 40P01). */
    private Uni<Void> withTransientRetries(String channel, java.util.function.Supplier<Uni<Void>> work) {
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

    private Uni<Void> deadLetterFailed(String channel, Valid valid, Throwable failure) {
        registry.counter("journeyline.events.failed", "type", valid.event().type().type()).increment();
        return deadLetters.send(channel, valid.record(), "processing-failed", Failures.describe(failure));
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
