package io.journeyline.platform.timers;

import io.journeyline.platform.persistence.SqlArrays;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.journeyline.contract.EventJson;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durable timers: "do X at time T" that survives restarts. Schedule and cancel inside the caller's transaction,
 * so a timer exists exactly when the state that needs it was committed; {@link TimerPoller} fires due ones.
 *
 * <pre>{@code
 * timers.schedule("case-sla", caseId + ":ACKNOWLEDGE", openedAt.plus(sla.acknowledge()), caseId)
 * timers.cancel("case-sla", caseId + ":ACKNOWLEDGE")
 * }</pre>
 */
@ApplicationScoped
public class Timers {
    private final Clock clock;

    public Timers(Clock clock) {
        this.clock = clock;
    }

    /** Schedules the timer (kind, key), or moves it to {@code dueAt} (and resets its attempts) when it exists. */
    public Uni<Void> schedule(String kind, String key, Instant dueAt, String payload) {
        return schedule(kind, key, dueAt, payload, null);
    }

    /** As {@link #schedule(String, String, Instant, String)}, continuing {@code cause}'s trace when it fires. */
    public Uni<Void> schedule(String kind, String key, Instant dueAt, String payload, Cause cause) {
        return Transactions.inCallersTransaction("Timers.schedule", session -> session.createNativeQuery("""
                        insert into platform_timers (kind, timer_key, due_at, payload, traceparent, scheduled_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)
                        on conflict (kind, timer_key) do update set due_at = excluded.due_at, payload = excluded.payload,
                            traceparent = excluded.traceparent, scheduled_at = excluded.scheduled_at,
                            attempts = 0, last_error = null, status = 'PENDING'""")
                .setParameter(1, kind).setParameter(2, key).setParameter(3, dueAt.atOffset(ZoneOffset.UTC))
                .setParameter(4, payload).setParameter(5, cause == null ? null : cause.traceparent())
                .setParameter(6, OffsetDateTime.now(clock))
                .executeUpdate()).replaceWithVoid();
    }

    /** A payload as JSON, read back with {@link FiredTimer#payloadAs}. */
    public static String json(Object payload) {
        try {
            return EventJson.mapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a timer payload must be JSON-writable: " + payload, e);
        }
    }

    /** A timer to schedule, for {@link #scheduleAll}. */
    public record Schedule(String kind, String key, Instant dueAt, String payload) {
    }

    /** Schedules or moves several timers in one statement (set-based work that starts many clocks at once). */
    public Uni<Void> scheduleAll(List<Schedule> schedules) {
        if (schedules.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Schedule> byKey = new LinkedHashMap<>();
        schedules.forEach(schedule -> byKey.put(schedule.kind() + "|" + schedule.key(), schedule));
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Object[]> rows = byKey.values().stream().map(s -> new Object[]{s.kind(), s.key(),
                s.dueAt().atOffset(ZoneOffset.UTC), s.payload(), now}).toList();
        return Transactions.inCallersTransaction("Timers.scheduleAll", session -> MultiRowStatement.of(
                "insert into platform_timers (kind, timer_key, due_at, payload, scheduled_at) select * from",
                "text, text, timestamptz, text, timestamptz", rows, """
                        on conflict (kind, timer_key) do update set due_at = excluded.due_at, payload = excluded.payload,
                            scheduled_at = excluded.scheduled_at, attempts = 0, last_error = null, status = 'PENDING'""")
                .executeUpdate(session)).replaceWithVoid();
    }

    /** Cancels the timers of {@code kind} with these keys, in one statement; how many there were. */
    public Uni<Integer> cancelAll(String kind, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Transactions.inCallersTransaction("Timers.cancelAll", session -> session
                .createNativeQuery("delete from platform_timers where kind = ?1 and timer_key " + SqlArrays.anyOf(2, "text"))
                .setParameter(1, kind).setParameter(2, SqlArrays.of(keys)).executeUpdate());
    }

    /** Cancels the timer (kind, key); true when there was one to cancel. */
    public Uni<Boolean> cancel(String kind, String key) {
        return Transactions.inCallersTransaction("Timers.cancel", session -> session
                .createNativeQuery("delete from platform_timers where kind = ?1 and timer_key = ?2")
                .setParameter(1, kind).setParameter(2, key)
                .executeUpdate()).map(deleted -> deleted > 0);
    }
}
