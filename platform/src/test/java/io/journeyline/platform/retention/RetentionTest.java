package io.journeyline.platform.retention;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.ProcessedEvents;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's tables forget rows past their retention and not before: the dedupe memory keeps an event for the
 * 60-day window (a redelivery within it still changes nothing), dead-letter marks the same, parked events 30 days. The
 * test configuration deletes at most 100 rows per statement, so 250 expired events take several.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RetentionTest {
    @Inject
    Retention retention;
    @Inject
    ProcessedEvents processedEvents;
    @Inject
    TestClock clock;

    @Test
    void anEventIsDedupedForSixtyDaysAndForgottenAfter() throws Throwable {
        String source = "/retention-test/" + UUID.randomUUID();
        List<IncomingEvent> old = IntStream.range(0, 250).mapToObj(i -> event(source, "old-" + i)).toList();
        IncomingEvent recent = event(source, "recent");
        assertThat(firstSeen(old)).hasSize(250);
        clock.advance(Duration.ofDays(2));
        assertThat(firstSeen(List.of(recent))).hasSize(1);

        clock.advance(Duration.ofDays(57).plusHours(12));
        VertxContextSupport.subscribeAndAwait(retention::deleteExpired);
        assertThat(firstSeen(List.of(old.get(0), recent))).as("59.5 days: still remembered, a redelivery changes nothing")
                .isEmpty();

        clock.advance(Duration.ofDays(1));
        VertxContextSupport.subscribeAndAwait(retention::deleteExpired);
        assertThat(firstSeen(old)).as("60.5 days: forgotten, every one of the 250 (several statements)").hasSize(250);
        assertThat(firstSeen(List.of(recent))).as("58.5 days: still remembered").isEmpty();
    }

    @Test
    void deadLetterMarksKeepTheDedupeWindowAndParkedEventsThirtyDays() throws Throwable {
        String channel = "retention-test-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock);
        inTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into platform_dead_letters (channel, topic, record_partition, record_offset, reason, detail,
                            dead_lettered_at)
                        values (?1, 't', 0, 1, 'invalid-envelope', 'x', ?2), (?1, 't', 0, 2, 'invalid-envelope', 'x', ?3)""")
                .setParameter(1, channel).setParameter(2, now.minusDays(61)).setParameter(3, now.minusDays(59))
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into platform_outbox_parked (seq, event_id, source, type, topic, record_key,
                                    occurred_at, data, extensions, created_at, size_bytes, error, parked_at)
                                select s, ?1 || s, '/retention-test', 't', 't', 'k', cast(?2 as timestamptz), '{}', null,
                                    cast(?2 as timestamptz), 2, 'too large',
                                    case when s % 2 = 0 then cast(?3 as timestamptz) else cast(?4 as timestamptz) end
                                from generate_series(-1000002, -1000001) s""")
                        .setParameter(1, channel).setParameter(2, now).setParameter(3, now.minusDays(31))
                        .setParameter(4, now.minusDays(29))
                        .executeUpdate())));

        VertxContextSupport.subscribeAndAwait(retention::deleteExpired);

        assertThat(strings("select record_offset::text from platform_dead_letters where channel = ?1", channel))
                .containsExactly("2");
        assertThat(strings("select event_id from platform_outbox_parked where event_id like ?1 || '%'", channel))
                .containsExactly(channel + "-1000001");
    }

    private List<IncomingEvent> firstSeen(List<IncomingEvent> events) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> processedEvents.firstSeen(events)));
    }

    private static IncomingEvent event(String source, String id) {
        return new IncomingEvent(id, source, EventType.FEEDBACK_RECEIVED, OffsetDateTime.parse("2026-11-22T10:00:00Z"),
                "c-1", JsonNodeFactory.instance.objectNode(), Map.of());
    }

    private static List<String> strings(String sql, String parameter) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, String.class).setParameter(1, parameter).getResultList())));
    }

    private static void inTransaction(Supplier<Uni<?>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work::get));
    }
}
