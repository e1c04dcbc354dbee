package io.journeyline.platform.outbox;

import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.Failures;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.messaging.KafkaOut;
import io.journeyline.platform.messaging.RecordSizeLimit;
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
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes outbox rows to Kafka in commit order and deletes each once Kafka acknowledged it.
 *
 * <p>At-least-once: a crash between Kafka's acknowledgement and the delete publishes a row again, which consumers
 * absorb by deduplicating on (source, id). A PostgreSQL advisory lock makes one replica relay at a time, so events of
 * one customer stay in order across replicas.
 *
 * <p>Nothing blocks the rows behind another: each row's send succeeds or fails on its own, and the rows that went out
 * are deleted whatever happened to the others, so none goes out twice. A row Kafka refuses for a reason that will not
 * pass — larger than {@code max.request.size} after serialisation (checked before sending, with Kafka's own measure),
 * or refused by the broker as too large or invalid — is moved to {@code platform_outbox_parked} with the error and
 * counted ({@code journeyline.outbox.parked}); an operator retries or discards it ({@link ParkedEventsResource}) within
 * {@code parked-retention}, after which {@code Retention} deletes it. A
 * failure that may pass (the broker is away) leaves the row for the next tick.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant key of the relay's advisory lock ("JLOUTBOX" in ASCII). */
    private static final long RELAY_LOCK_KEY = 0x4A4C4F5554424F58L;

    private final KafkaOut kafka;
    private final Vertx vertx;
    private final Tracing tracing;
    private final OutboxConfig config;
    private final RecordSizeLimit sizeLimit;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter published;
    private Ticker ticker;

    public OutboxRelay(KafkaOut kafka, Vertx vertx, Tracing tracing, MeterRegistry registry, OutboxConfig config,
                       RecordSizeLimit sizeLimit, Clock clock) {
        this.kafka = kafka;
        this.vertx = vertx;
        this.tracing = tracing;
        this.config = config;
        this.sizeLimit = sizeLimit;
        this.clock = clock;
        this.registry = registry;
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

    /** Publishes batches until the outbox is empty, a send failed and must wait, or another replica holds the lock. */
    Uni<Integer> relayUntilDrained() {
        // A batch with a row left for later (Kafka away) is short, so the drain ends: it is tried at the next tick.
        return Panache.withTransaction(() -> Panache.getSession().chain(this::relayBatch))
                .chain(done -> done == config.batchSize() ? relayUntilDrained().map(more -> done + more)
                        : Uni.createFrom().item(done))
                .onFailure().invoke(e -> LOG.warnf("outbox relay failed, will retry: %s", e.toString()))
                .onFailure().recoverWithItem(0);
    }

    /** Publishes (or parks) one batch; how many rows left the outbox. */
    private Uni<Integer> relayBatch(Mutiny.Session session) {
        return session.createNativeQuery("select pg_try_advisory_xact_lock(" + RELAY_LOCK_KEY + ")", Boolean.class)
                .getSingleResult()
                .chain(locked -> !locked ? Uni.createFrom().item(0)
                        : session.createQuery("from OutboxEvent order by seq", OutboxEvent.class)
                                .setMaxResults(config.batchSize())
                                .getResultList()
                                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0) : publish(session, rows)));
    }

    /** A row's record, and what became of its send: null when Kafka acknowledged it. */
    private record Sent(OutboxEvent row, int size, Throwable failure) {
    }

    private Uni<Integer> publish(Mutiny.Session session, List<OutboxEvent> rows) {
        // Subscribed in order, so the producer keeps per-partition order; each send settles on its own.
        List<Uni<Sent>> sends = rows.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().chain(results -> {
            List<Long> delivered = new ArrayList<>();
            List<Sent> refused = new ArrayList<>();
            Throwable waiting = null;
            for (Sent sent : results) {
                if (sent.failure() == null) {
                    delivered.add(sent.row().seq);
                } else if (Failures.isRefusedRecord(sent.failure())) {
                    refused.add(sent);
                } else if (waiting == null) {
                    waiting = sent.failure();
                }
            }
            if (waiting != null) {
                LOG.warnf("outbox relay: %d of %d rows could not be sent yet, will retry: %s",
                        rows.size() - delivered.size() - refused.size(), rows.size(), Failures.describe(waiting));
            }
            return delete(session, delivered).invoke(() -> published.increment(delivered.size()))
                    .chain(() -> park(session, refused))
                    .replaceWith(delivered.size() + refused.size());
        });
    }

    /**
     * Sends a row; never fails: a row that cannot even be made into a record, or whose record is over the size limit,
     * is not sent at all, and a failure is the result.
     */
    private Uni<Sent> send(OutboxEvent row) {
        Outbox.KafkaRecord record;
        try {
            record = Outbox.KafkaRecord.of(row);
        } catch (RuntimeException unusable) {
            return Uni.createFrom().item(new Sent(row, row.data.length(), new InvalidRecordException(
                    "the row cannot be made into a CloudEvents record: " + unusable.getMessage(), unusable)));
        }
        if (!sizeLimit.fits(record.size())) {
            return Uni.createFrom().item(new Sent(row, record.size(), new RecordTooLargeException("the record is "
                    + record.size() + " bytes after serialisation; the producer's limit (max.request.size) is "
                    + sizeLimit.limit())));
        }
        Span span = tracing.start("send " + row.topic, SpanKind.PRODUCER, record.extensions().get(IncomingEvent.TRACEPARENT));
        span.setAttribute(Tracing.EVENT_ID, row.eventId);
        span.setAttribute(Tracing.EVENT_TYPE, row.type);
        return kafka.send(row.topic, record.key(), record.value(), record.headers())
                .onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(List.of(span), failure))
                .map(ignored -> new Sent(row, record.size(), null))
                .onFailure().recoverWithItem(failure -> new Sent(row, record.size(), failure));
    }

    private static Uni<Void> delete(Mutiny.Session session, List<Long> seqs) {
        return seqs.isEmpty() ? Uni.createFrom().voidItem() : session
                .createNativeQuery("delete from outbox_events where seq " + SqlArrays.anyOf(1, "bigint"))
                .setParameter(1, SqlArrays.of(seqs))
                .executeUpdate().replaceWithVoid();
    }

    /** Moves refused rows to the parked table with their error, in the batch's transaction. */
    private Uni<Void> park(Mutiny.Session session, List<Sent> refused) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return InOrder.each(refused, sent -> {
            String error = Failures.describe(sent.failure());
            LOG.errorf("outbox relay: parked event %s (%s to %s, %d bytes): %s", sent.row().eventId, sent.row().type,
                    sent.row().topic, sent.size(), error);
            return session.createNativeQuery("""
                            insert into platform_outbox_parked (seq, event_id, source, type, topic, record_key, occurred_at,
                                data, extensions, created_at, size_bytes, error, parked_at)
                            select seq, event_id, source, type, topic, record_key, occurred_at, data, extensions, created_at,
                                ?2, ?3, ?4 from outbox_events where seq = ?1""")
                    .setParameter(1, sent.row().seq).setParameter(2, sent.size())
                    .setParameter(3, error.replace('\u0000', ' ')).setParameter(4, now)
                    .executeUpdate()
                    .chain(() -> delete(session, List.of(sent.row().seq)))
                    .invoke(() -> registry.counter("journeyline.outbox.parked", "topic", sent.row().topic).increment());
        });
    }
}
