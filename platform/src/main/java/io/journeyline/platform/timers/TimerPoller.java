package io.journeyline.platform.timers;

import io.journeyline.platform.messaging.Failures;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fires due timers, each in its own transaction: the row is locked ({@code for update skip locked}), its
 * handler runs, the row is deleted, and all of it commits together. So a timer fires once even with several
 * replicas polling (each locks a different due timer), and one that was due while the service was down fires at
 * the first poll after it is back, in due order. Time comes from the injected {@link Clock}: tests move it and
 * call {@link #fireAllDue()}.
 */
@ApplicationScoped
public class TimerPoller {
    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

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
        ticker = Ticker.start(vertx, "timer poller", config.pollInterval(), this::fireDue);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Fires timers due by the clock's now, up to {@code batch-size}; the number fired. Safe to call concurrently. */
    public Uni<Integer> fireDue() {
        return fireNext(0, null);
    }

    /**
     * Fires every timer due by the clock's now, batch after batch, until a batch comes back short; the number fired.
     * What a test calls after moving the clock: earlier tests' timers that came due too cannot crowd its own out.
     */
    public Uni<Integer> fireAllDue() {
        return fireAllDue(0);
    }

    private Uni<Integer> fireAllDue(int firedSoFar) {
        return fireDue().chain(fired -> fired < config.batchSize()
                ? Uni.createFrom().item(firedSoFar + fired)
                : fireAllDue(firedSoFar + fired));
    }

    /** @param after the last timer of this poll left for later (its customer was busy): the poll goes on past it */
    private Uni<Integer> fireNext(int firedSoFar, Due after) {
        if (firedSoFar >= config.batchSize()) {
            return Uni.createFrom().item(firedSoFar);
        }
        return fireOne(after).chain(outcome -> switch (outcome.kind) {
            case FIRED -> fireNext(firedSoFar + 1, after);
            case DEFERRED -> fireNext(firedSoFar, outcome.timer);
            case NONE_DUE -> Uni.createFrom().item(firedSoFar);
        });
    }

    /** A timer's place in firing order: due time, kind, key. */
    private record Due(OffsetDateTime dueAt, String kind, String key) {
    }

    private record Outcome(Kind kind, Due timer) {
        enum Kind { FIRED, DEFERRED, NONE_DUE }
    }

    private static final Outcome FIRED = new Outcome(Outcome.Kind.FIRED, null);
    private static final Outcome NONE_DUE = new Outcome(Outcome.Kind.NONE_DUE, null);

    /**
     * In one transaction: locks the earliest due timer (after {@code after}), lets its handler lock what it locks first
     * without waiting, then fires and deletes it. A timer whose handler could not lock is left as it was (deferred).
     */
    private Uni<Outcome> fireOne(Due after) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select kind, timer_key, due_at, payload, attempts, traceparent from platform_timers
                        where status = 'PENDING' and due_at <= ?1 and (due_at, kind, timer_key) > (?2, ?3, ?4)
                        order by due_at, kind, timer_key limit 1 for update skip locked""", Object[].class)
                .setParameter(1, now)
                .setParameter(2, after == null ? OffsetDateTime.parse("0001-01-01T00:00:00Z") : after.dueAt())
                .setParameter(3, after == null ? "" : after.kind())
                .setParameter(4, after == null ? "" : after.key())
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item(NONE_DUE);
                    }
                    Object[] row = rows.get(0);
                    OffsetDateTime dueAt = (OffsetDateTime) row[2];
                    FiredTimer timer = new FiredTimer((String) row[0], (String) row[1], dueAt.toInstant(),
                            (String) row[3], ((Number) row[4]).intValue() + 1, (String) row[5]);
                    TimerHandler handler = handlers.get(timer.kind());
                    Uni<Boolean> locked = handler == null ? Uni.createFrom().item(true)
                            : Uni.createFrom().deferred(() -> handler.tryLockFirst(timer));
                    return locked.onFailure().transform(failure -> new TimerFailure(timer, failure)).chain(gotIt -> {
                        if (!gotIt) {
                            registry.counter("journeyline.timers.deferred", "kind", timer.kind()).increment();
                            return Uni.createFrom().item(new Outcome(Outcome.Kind.DEFERRED,
                                    new Due(dueAt, timer.kind(), timer.key())));
                        }
                        return handle(timer).chain(() -> session
                                        .createNativeQuery("delete from platform_timers where kind = ?1 and timer_key = ?2")
                                        .setParameter(1, timer.kind()).setParameter(2, timer.key()).executeUpdate())
                                .invoke(() -> registry.counter("journeyline.timers.fired", "kind", timer.kind()).increment())
                                .replaceWith(FIRED);
                    });
                })))
                .onFailure(TimerFailure.class).recoverWithUni(failure -> recordFailure(((TimerFailure) failure).timer,
                        failure.getCause()).replaceWith(FIRED));
    }

    private Uni<Void> handle(FiredTimer timer) {
        TimerHandler handler = handlers.get(timer.kind());
        Span span = tracing.start("timer " + timer.kind(), SpanKind.INTERNAL, timer.traceparent());
        Uni<Void> fired = handler == null
                ? Uni.createFrom().failure(new IllegalStateException("no TimerHandler for kind '" + timer.kind() + "'"))
                : Uni.createFrom().deferred(() -> handler.fire(timer));
        return fired.onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(List.of(span), failure))
                .onFailure().transform(failure -> new TimerFailure(timer, failure));
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

    /** Carries the timer out of its rolled-back transaction. */
    private static final class TimerFailure extends RuntimeException {
        private final transient FiredTimer timer;

        TimerFailure(FiredTimer timer, Throwable cause) {
            super(cause);
            this.timer = timer;
        }
    }
}
