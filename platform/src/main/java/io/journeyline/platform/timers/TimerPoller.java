package io.journeyline.platform.timers;

import io.journeyline.platform.messaging.Failures;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.tracing.Tracing;
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
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Fires due timers in batches: one transaction locks up to {@code batch-size} due timers in due order
 * ({@code for update skip locked}), lets each kind's handler lock what it locks first without waiting, fires the ones
 * it could (a run of timers of one kind through one {@link TimerHandler#fireAll}), deletes them, and commits all of it
 * together. So a timer fires once even with several replicas polling (each locks different due timers), and one that
 * was due while the service was down fires at the first poll after it is back, in due order. A batch that fails is
 * rolled back and its timers fire again one per transaction, so one failing timer costs the others nothing. Time comes
 * from the injected {@link Clock}: tests move it and call {@link #fireAllDue()}.
 */
@ApplicationScoped
public class TimerPoller {
    private static final Logger LOG = Logger.getLogger(TimerPoller.class);
    private static final Due START = new Due(OffsetDateTime.parse("0001-01-01T00:00:00Z"), "", "");

    private final Vertx vertx;
    private final Clock clock;
    private final TimerConfig config;
    private final Tracing tracing;
    private final MeterRegistry registry;
    private final Map<String, TimerHandler> handlers = new HashMap<>();
    private Ticker ticker;

    public TimerPoller(Vertx vertx, Clock clock, TimerConfig config, Tracing tracing, MeterRegistry registry,
                       Instance<TimerHandler> handlers) {
        this.vertx = vertx;
        this.clock = clock;
        this.config = config;
        this.tracing = tracing;
        this.registry = registry;
        handlers.forEach(handler -> {
            TimerHandler other = this.handlers.put(handler.kind(), handler);
            if (other != null) {
                throw new IllegalStateException("two handlers for timers of kind " + handler.kind());
            }
        });
    }

    void start(@Observes StartupEvent event) {
        ticker = Ticker.start(vertx, "timer poller", config.pollInterval(), this::fireAllDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /**
     * Fires every timer due by the clock's now, batch after batch, until a batch comes back short; the number fired.
     * Safe to call concurrently. What each poll does (a backlog after downtime drains at once, not {@code batch-size} a poll), and what a test
     * calls after moving the clock: earlier tests' timers that came due too cannot crowd its own out.
     */
    public Uni<Integer> fireAllDue() {
        if (config.concurrency() <= 1) {
            return fireAllDue(START, 0);
        }
        // each drain on a context (a transaction) of its own; skip locked hands each batch different timers
        List<Uni<Integer>> drains = IntStream.range(0, config.concurrency())
                .mapToObj(i -> Ticker.onOwnContext(vertx, () -> fireAllDue(START, 0))).toList();
        return Uni.join().all(drains).andCollectFailures().map(fired -> fired.stream().mapToInt(Integer::intValue).sum());
    }

    /** @param after the last timer of the previous batch: deferred ones (their customer was busy) are left behind */
    private Uni<Integer> fireAllDue(Due after, int firedSoFar) {
        return batch(after, config.batchSize()).chain(batch -> batch.locked() < config.batchSize()
                ? Uni.createFrom().item(firedSoFar + batch.fired())
                : fireAllDue(batch.last(), firedSoFar + batch.fired()));
    }

    /** A timer's place in firing order: due time, kind, key. */
    private record Due(OffsetDateTime dueAt, String kind, String key) {
        static Due of(FiredTimer timer) {
            return new Due(timer.dueAt().atOffset(ZoneOffset.UTC), timer.kind(), timer.key());
        }
    }

    /** What a batch did: timers locked, timers fired (the others were deferred), and the last one locked. */
    private record Batch(int locked, int fired, Due last) {
        static final Batch NONE = new Batch(0, 0, null);
    }

    /**
     * One transaction: locks up to {@code limit} due timers after {@code after}, takes each one's first lock, fires
     * those whose lock it got and deletes them. When it fails after locking, the same timers are fired one per
     * transaction ({@link #oneByOne}); a single timer that fails has its failure recorded ({@link #recordFailure}).
     */
    private Uni<Batch> batch(Due after, int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<FiredTimer> locked = new ArrayList<>();
        Map<String, Integer> deferred = new TreeMap<>();
        return Panache.withTransaction(() -> lockDue(now, after, limit).chain(timers -> {
                    locked.addAll(timers);
                    return lockFirst(timers);
                }).chain(ready -> {
                    Set<FiredTimer> firing = new HashSet<>(ready);
                    locked.stream().filter(timer -> !firing.contains(timer))
                            .forEach(timer -> deferred.merge(timer.kind(), 1, Integer::sum));
                    return fire(ready).chain(() -> delete(ready)).replaceWith(ready);
                }))
                .map(fired -> {
                    deferred.forEach((kind, count) -> registry.counter("journeyline.timers.deferred", "kind", kind).increment(count));
                    fired.forEach(timer -> registry.counter("journeyline.timers.fired", "kind", timer.kind()).increment());
                    return locked.isEmpty() ? Batch.NONE
                            : new Batch(locked.size(), fired.size(), Due.of(locked.get(locked.size() - 1)));
                })
                .onFailure(failure -> !locked.isEmpty()).recoverWithUni(failure -> locked.size() == 1
                        ? recordFailure(locked.get(0), failure).replaceWith(new Batch(1, 1, Due.of(locked.get(0))))
                        : oneByOne(after, locked.size(), 0, 0));
    }

    /** After a failed batch: its {@code count} timers (or whatever is due in their place) in batches of one. */
    private Uni<Batch> oneByOne(Due after, int count, int lockedSoFar, int firedSoFar) {
        if (lockedSoFar >= count) {
            return Uni.createFrom().item(new Batch(lockedSoFar, firedSoFar, after));
        }
        return batch(after, 1).chain(single -> single.locked() == 0
                ? Uni.createFrom().item(new Batch(lockedSoFar, firedSoFar, after))
                : oneByOne(single.last(), count, lockedSoFar + 1, firedSoFar + single.fired()));
    }

    private Uni<List<FiredTimer>> lockDue(OffsetDateTime now, Due after, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select kind, timer_key, due_at, payload, attempts, traceparent from platform_timers
                        where status = 'PENDING' and due_at <= ?1 and (due_at, kind, timer_key) > (?2, ?3, ?4)
                        order by due_at, kind, timer_key limit ?5 for update skip locked""", Object[].class)
                .setParameter(1, now).setParameter(2, after.dueAt()).setParameter(3, after.kind())
                .setParameter(4, after.key()).setParameter(5, limit)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new FiredTimer((String) row[0], (String) row[1],
                        ((OffsetDateTime) row[2]).toInstant(), (String) row[3], ((Number) row[4]).intValue() + 1,
                        (String) row[5])).toList()));
    }

    /** The timers whose handler took its first lock, in due order; a kind without a handler fails when fired. */
    private Uni<List<FiredTimer>> lockFirst(List<FiredTimer> timers) {
        Map<String, List<FiredTimer>> byKind = timers.stream().collect(Collectors.groupingBy(FiredTimer::kind,
                TreeMap::new, Collectors.toList()));
        Set<FiredTimer> ready = new HashSet<>();
        return InOrder.each(byKind.entrySet(), kind -> {
            TimerHandler handler = handlers.get(kind.getKey());
            if (handler == null) {
                ready.addAll(kind.getValue());
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().deferred(() -> handler.tryLockFirstAll(kind.getValue())).invoke(keys ->
                    kind.getValue().stream().filter(timer -> keys.contains(timer.key())).forEach(ready::add));
        }).replaceWith(() -> timers.stream().filter(ready::contains).toList());
    }

    /** Fires the timers in due order, each run of one kind through its handler's {@link TimerHandler#fireAll}. */
    private Uni<Void> fire(List<FiredTimer> timers) {
        List<List<FiredTimer>> runs = new ArrayList<>();
        for (FiredTimer timer : timers) {
            if (runs.isEmpty() || !runs.get(runs.size() - 1).get(0).kind().equals(timer.kind())) {
                runs.add(new ArrayList<>());
            }
            runs.get(runs.size() - 1).add(timer);
        }
        return InOrder.each(runs, this::fireRun);
    }

    private Uni<Void> fireRun(List<FiredTimer> run) {
        TimerHandler handler = handlers.get(run.get(0).kind());
        List<Span> spans = run.stream().map(timer -> tracing.start("timer " + timer.kind(), SpanKind.INTERNAL,
                timer.traceparent())).toList();
        Uni<Void> fired = handler == null
                ? Uni.createFrom().failure(new IllegalStateException("no TimerHandler for kind '" + run.get(0).kind() + "'"))
                : Uni.createFrom().deferred(() -> handler.fireAll(run));
        return fired.onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(spans, failure));
    }

    private Uni<Void> delete(List<FiredTimer> timers) {
        if (timers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        delete from platform_timers where (kind, timer_key) in (select * from unnest(
                            cast(cast(?1 as text) as text[]), cast(cast(?2 as text) as text[])))""")
                .setParameter(1, SqlArrays.of(timers.stream().map(FiredTimer::kind).toList()))
                .setParameter(2, SqlArrays.of(timers.stream().map(FiredTimer::key).toList()))
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * After a failed firing (rolled back): try again later, or park the timer as FAILED once its handler has failed
     * {@code max-attempts} times. A failure that passes by itself (a deadlock, a lost connection) is not an attempt:
     * it cannot park a timer; a statement cancelled by the statement timeout is (it may time out every time).
     */
    private Uni<Void> recordFailure(FiredTimer timer, Throwable failure) {
        boolean passes = Failures.isTransient(failure) && !Failures.isStatementTimeout(failure);
        int attempts = passes ? timer.attempt() - 1 : timer.attempt();
        boolean giveUp = attempts >= config.maxAttempts();
        LOG.warnf("timer %s/%s failed (attempt %d%s): %s", timer.kind(), timer.key(), timer.attempt(),
                giveUp ? ", parked as FAILED" : "", failure.toString());
        registry.counter("journeyline.timers.failed", "kind", timer.kind()).increment();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        update platform_timers set attempts = ?3, last_error = ?4, due_at = ?5, status = ?6
                        where kind = ?1 and timer_key = ?2""")
                .setParameter(1, timer.kind()).setParameter(2, timer.key()).setParameter(3, attempts)
                .setParameter(4, String.valueOf(failure.getMessage()).replace('\u0000', ' '))
                .setParameter(5, OffsetDateTime.now(clock).plus(config.retryBackOff()))
                .setParameter(6, giveUp ? "FAILED" : "PENDING")
                .executeUpdate())).replaceWithVoid();
    }
}
