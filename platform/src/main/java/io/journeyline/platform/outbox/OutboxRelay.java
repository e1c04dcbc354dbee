package io.journeyline.platform.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.contract.EventJson;
import io.journeyline.platform.cloudevents.CloudEventCodec;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.KafkaOut;
import io.journeyline.platform.timers.Ticker;
import io.journeyline.platform.tracing.Tracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Publishes outbox rows to Kafka in commit order and deletes them once acknowledged.
 *
 * <p>At-least-once: a crash between Kafka's acknowledgement and the delete publishes a row again,
 * which consumers absorb by deduplicating on (source, id). A PostgreSQL advisory lock makes one
 * replica relay at a time, so events of one customer stay in order across replicas.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final ObjectMapper MAPPER = EventJson.mapper();
    /** Arbitrary constant key of the relay's advisory lock ("JLOUTBOX" in ASCII). */
    private static final long RELAY_LOCK_KEY = 0x4A4C4F5554424F58L;

    private final KafkaOut kafka;
    private final Vertx vertx;
    private final Tracing tracing;
    private final OutboxConfig config;
    private final Counter published;
    private Ticker ticker;

    public OutboxRelay(KafkaOut kafka, Vertx vertx, Tracing tracing, MeterRegistry registry, OutboxConfig config) {
        this.kafka = kafka;
        this.vertx = vertx;
        this.tracing = tracing;
        this.config = config;
        this.published = Counter.builder("journeyline.outbox.published")
                .description("Outbox events published to Kafka").register(registry);
    }

    void start(@Observes StartupEvent event) {
        ticker = Ticker.start(vertx, "outbox relay", config.pollInterval(), this::relayUntilDrained);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Publishes batches until the outbox is empty (or another replica holds the lock). */
    Uni<Integer> relayUntilDrained() {
        return Panache.withTransaction(() -> Panache.getSession().chain(this::relayBatch))
                .chain(count -> count == config.batchSize() ? relayUntilDrained().map(more -> count + more)
                        : Uni.createFrom().item(count))
                .onFailure().invoke(e -> LOG.warnf("outbox relay failed, will retry: %s", e.toString()))
                .onFailure().recoverWithItem(0);
    }

    private Uni<Integer> relayBatch(Mutiny.Session session) {
        return session.createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK_KEY + ")", Boolean.class)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(0)
                        : session.createQuery("from OutboxEvent order by seq", OutboxEvent.class)
                                .setMaxResults(config.batchSize())
                                .getResultList()
                                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : publishAndDelete(session, rows)));
    }

    private Uni<Integer> publishAndDelete(Mutiny.Session session, List<OutboxEvent> rows) {
        // Subscribed in order, so the producer keeps per-partition order; all acks are awaited before the delete.
        List<Uni<Void>> sends = rows.stream().map(this::send).toList();
        List<Long> seqs = rows.stream().map(row -> row.seq).toList();
        return Uni.join().all(sends).andFailFast()
                .chain(() -> session.createMutationQuery("delete from OutboxEvent where seq in :seqs")
                        .setParameter("seqs", seqs)
                        .executeUpdate())
                .invoke(deleted -> published.increment(deleted));
    }

    private Uni<Void> send(OutboxEvent row) {
        byte[] data = row.data.getBytes(StandardCharsets.UTF_8);
        Map<String, String> extensions = row.extensions == null ? Map.of() : readMap(row.extensions);
        Span span = tracing.start("send " + row.topic, SpanKind.PRODUCER, extensions.get(IncomingEvent.TRACEPARENT));
        span.setAttribute(Tracing.EVENT_ID, row.eventId);
        span.setAttribute(Tracing.EVENT_TYPE, row.type);
        var headers = CloudEventCodec.binaryModeHeaders(row.topic, row.eventId, row.source, row.type,
                row.occurredAt, row.recordKey, data, extensions);
        return kafka.send(row.topic, row.recordKey, data, headers)
                .onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(List.of(span), failure));
    }

    private static Map<String, String> readMap(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("unreadable outbox extensions: " + json, e);
        }
    }
}
