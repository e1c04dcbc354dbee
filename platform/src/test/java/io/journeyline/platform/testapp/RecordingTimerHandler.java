package io.journeyline.platform.testapp;

import io.journeyline.contract.event.CaseSlaBreached;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Timers of kind {@code test} as a service author writes a handler: it records the firing in its transaction. A key
 * in {@link #BUSY} stands for a customer a consumer is working on: the handler cannot lock it first.
 */
@ApplicationScoped
public class RecordingTimerHandler implements TimerHandler {
    public static final String KIND = "test";

    private final Clock clock;
    private final Outbox outbox;

    public RecordingTimerHandler(Clock clock, Outbox outbox) {
        this.clock = clock;
        this.outbox = outbox;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Keys whose "customer" someone else holds now: {@link #tryLockFirst} cannot lock them. */
    public static final Set<String> BUSY = ConcurrentHashMap.newKeySet();

    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return Uni.createFrom().item(!BUSY.contains(timer.key()));
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        if ("fail".equals(timer.payload())) {
            return Uni.createFrom().failure(new IllegalStateException("this timer's work always fails"));
        }
        if (timer.payload() != null && timer.payload().startsWith("breach:")) {
            // As an SLA clock does: the breach event's id derives from the timer, so a second firing repeats it.
            String customer = timer.payload().substring("breach:".length());
            return outbox.publish(new CaseSlaBreached(customer, timer.key(), CaseStatus.RECEIVED, SlaClock.ACKNOWLEDGE,
                    timer.dueAt().atOffset(ZoneOffset.UTC)), Cause.of(timer)).replaceWithVoid();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into fired_timers (kind, timer_key, payload, fired_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, timer.kind()).setParameter(2, timer.key()).setParameter(3, timer.payload())
                .setParameter(4, OffsetDateTime.now(clock)).executeUpdate()).replaceWithVoid();
    }
}
