package io.journeyline.platform.retention;

import io.journeyline.platform.audit.AuditConfig;
import io.journeyline.platform.deadletters.DeadLetterConfig;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.OutboxConfig;
import io.journeyline.platform.privacy.PrivacyConfig;
import io.journeyline.platform.timers.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the platform's tables that grow with traffic: every {@code journeyline.retention.interval}, rows older than
 * their table's retention are deleted, in statements of at most {@code batch-size} rows so no run holds locks or a
 * transaction for long.
 * <ul>
 *   <li>{@code processed_events} — the dedupe memory, {@code journeyline.retention.dedupe} (P60D);</li>
 *   <li>{@code platform_dead_letters} — which records were dead-lettered, the same window;</li>
 *   <li>{@code platform_outbox_parked} — events Kafka refused, {@code journeyline.outbox.parked-retention} (P30D);</li>
 *   <li>{@code platform_erasures} — erased customers' tombstones, {@code journeyline.privacy.tombstone-retention}
 *   (P762D, 25 months);</li>
 *   <li>{@code platform_access_log} — who read or changed what, {@code journeyline.audit.retention} (P730D);</li>
 *   <li>{@code platform_dead_letter_replays} — which dead letters were replayed (never twice),
 *   {@code journeyline.dead-letters.replay-retention} (P60D, past the dead-letter topics' 30 days);</li>
 *   <li>{@code platform_replay_jobs} with their outcomes — {@code journeyline.dead-letters.job-retention} (P30D);</li>
 *   <li>{@code platform_timers} parked as FAILED — {@code journeyline.retention.failed-timers} (P30D) after they were due;</li>
 *   <li>each service's own data, from its {@link RetentionPolicy}.</li>
 * </ul>
 * The outbox itself holds only unsent rows (the relay deletes each once Kafka acknowledged it) and timers only pending
 * or failed ones. Every replica may run this: deletes of expired rows by several at once are harmless.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry registry;
    private final RetentionConfig config;
    private final List<RetainedData> tables;
    private Ticker ticker;

    public Retention(Vertx vertx, Clock clock, MeterRegistry registry, RetentionConfig config, OutboxConfig outbox,
                     PrivacyConfig privacy, AuditConfig audit, DeadLetterConfig deadLetters,
                     Instance<RetentionPolicy> services) {
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
        this.config = config;
        List<RetainedData> tables = new java.util.ArrayList<>(List.of(
                RetainedData.table("processed_events", "processed_at", config.dedupe()),
                RetainedData.table("platform_dead_letters", "dead_lettered_at", config.dedupe()),
                RetainedData.table("platform_outbox_parked", "parked_at", outbox.parkedRetention()),
                RetainedData.table("platform_timers", "due_at", "status = 'FAILED'", config.failedTimers()),
                RetainedData.table("platform_erasures", "erased_before", privacy.tombstoneRetention()),
                RetainedData.table("platform_access_log", "at", audit.retention()),
                RetainedData.table("platform_dead_letter_replays", "replayed_at", deadLetters.replayRetention()),
                // a job's outcome rows go with it (on delete cascade)
                RetainedData.table("platform_replay_jobs", "created_at", deadLetters.jobRetention())));
        services.forEach(policy -> tables.addAll(policy.retained()));
        this.tables = List.copyOf(tables);
    }

    void start(@Observes StartupEvent event) {
        ticker = Ticker.start(vertx, "retention", config.interval(), this::deleteExpired);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Deletes every expired row of every table; how many rows went. */
    public Uni<Long> deleteExpired() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        AtomicLong deleted = new AtomicLong();
        return InOrder.each(tables, kept -> deleteExpired(kept, now.minus(kept.retention()), 0L).invoke(deleted::addAndGet))
                .map(ignored -> deleted.get());
    }

    private Uni<Long> deleteExpired(RetainedData kept, OffsetDateTime before, long deletedSoFar) {
        // by ctid (RetainedData.table): the rows' physical addresses, so one statement deletes a bounded number
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(kept.deleteSql())
                        .setParameter(1, before).setParameter(2, config.batchSize())
                        .executeUpdate()))
                .chain(deleted -> {
                    if (deleted > 0) {
                        registry.counter("journeyline.retention.deleted", "table", kept.name()).increment(deleted);
                    }
                    long total = deletedSoFar + deleted;
                    if (deleted == config.batchSize()) {
                        return deleteExpired(kept, before, total);
                    }
                    if (total > 0) {
                        LOG.infof("retention: deleted %d rows of %s older than %s", total, kept.name(), kept.retention());
                    }
                    return Uni.createFrom().item(total);
                });
    }
}
