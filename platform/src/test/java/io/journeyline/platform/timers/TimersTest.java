package io.journeyline.platform.timers;

import io.journeyline.contract.Topics;
import io.journeyline.platform.testapp.RecordingTimerHandler;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable timers against the real database, with time moved by the test clock instead of waited for. Each test
 * uses keys of its own, and far-future times, so the background poller and other tests cannot interfere.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TimersTest {
    @Inject
    Timers timers;
    @Inject
    TimerPoller poller;
    @Inject
    TestClock clock;
    @Inject
    TimerConfig config;

    @Test
    void aTimerFiresOnceWhenDueAndACancelledOneNever() throws Throwable {
        String prefix = UUID.randomUUID() + ":";
        Instant now = clock.instant();
        inTransaction(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "a", now.plus(Duration.ofDays(400)), "A")
                .chain(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "b", now.plus(Duration.ofDays(400)), "B"))
                .chain(() -> timers.cancel(RecordingTimerHandler.KIND, prefix + "b")));

        fireDue();
        assertThat(fired(prefix)).isEmpty();

        clock.advance(Duration.ofDays(401));
        fireDue();
        fireDue();
        assertThat(fired(prefix)).containsExactly(Map.entry(prefix + "a", 1L));
    }

    @Test
    void aTimerWhoseHandlerCannotLockFirstWaitsForALaterPollWithoutHoldingUpTheOthers() throws Throwable {
        String prefix = UUID.randomUUID() + ":";
        Instant start = clock.instant().plus(Duration.ofDays(600));
        inTransaction(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "busy", start.plus(Duration.ofHours(1)), null)
                .chain(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "free", start.plus(Duration.ofHours(2)), null)));
        RecordingTimerHandler.BUSY.add(prefix + "busy");
        clock.advance(Duration.ofDays(601));

        fireDue();
        assertThat(firedInOrder(prefix)).containsExactly(prefix + "free");

        RecordingTimerHandler.BUSY.remove(prefix + "busy");
        fireDue();
        assertThat(firedInOrder(prefix)).containsExactly(prefix + "free", prefix + "busy");
    }

    @Test
    void afterDowntimeEveryOverdueTimerFiresAtTheFirstPollInDueOrder() throws Throwable {
        String prefix = UUID.randomUUID() + ":";
        Instant start = clock.instant().plus(Duration.ofDays(800));
        inTransaction(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "third", start.plus(Duration.ofHours(3)), null)
                .chain(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "first", start.plus(Duration.ofHours(1)), null))
                .chain(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "second", start.plus(Duration.ofHours(2)), null)));

        // The service was down while all three came due: the clock is moved past them all at once.
        clock.advance(Duration.ofDays(801));
        fireDue();

        assertThat(firedInOrder(prefix)).containsExactly(prefix + "first", prefix + "second", prefix + "third");
    }

    @Test
    void concurrentPollersNeverFireOneTimerTwice() throws Throwable {
        String prefix = UUID.randomUUID() + ":";
        Instant due = clock.instant().plus(Duration.ofDays(1200));
        scheduleNumbered(prefix, 150, due);
        clock.advance(Duration.ofDays(1201));

        // Three pollers at once, as with several replicas.
        List<CompletableFuture<Void>> pollers = List.of(
                CompletableFuture.runAsync(this::fireDueUnchecked), CompletableFuture.runAsync(this::fireDueUnchecked),
                CompletableFuture.runAsync(this::fireDueUnchecked));
        CompletableFuture.allOf(pollers.toArray(CompletableFuture[]::new)).join();
        fireDue();

        Map<String, Long> fired = fired(prefix);
        assertThat(fired).hasSize(150);
        assertThat(fired.values()).containsOnly(1L);
    }

    @Test
    void aFailingTimerIsRetriedLaterThenParkedAsFailed() throws Throwable {
        String key = UUID.randomUUID() + ":failing";
        inTransaction(() -> timers.schedule(RecordingTimerHandler.KIND, key, clock.instant().plus(Duration.ofDays(1600)), "fail"));
        clock.advance(Duration.ofDays(1601));

        fireDue();
        assertThat(state(key)).isEqualTo("PENDING attempts=1");
        fireDue();
        assertThat(state(key)).as("not again before the retry back-off").isEqualTo("PENDING attempts=1");

        clock.advance(Duration.ofMinutes(1));
        fireDue();
        assertThat(state(key)).as("max-attempts is 2 in the test configuration").isEqualTo("FAILED attempts=2");
    }

    @Test
    void aFailingTimerInABatchCostsTheTimersBesideItNothing() throws Throwable {
        String prefix = UUID.randomUUID() + ":";
        Instant due = clock.instant().plus(Duration.ofDays(1800));
        inTransaction(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "1-before", due, null)
                .chain(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "2-failing", due.plusSeconds(1), "fail"))
                .chain(() -> timers.schedule(RecordingTimerHandler.KIND, prefix + "3-after", due.plusSeconds(2), null)));
        clock.advance(Duration.ofDays(1801));

        // All three are locked in one batch; the failure rolls it back and they fire again one per transaction.
        fireDue();

        assertThat(fired(prefix)).containsOnly(Map.entry(prefix + "1-before", 1L), Map.entry(prefix + "3-after", 1L));
        assertThat(state(prefix + "2-failing")).isEqualTo("PENDING attempts=1");
    }

    @Test
    void aTimerFiredTwicePublishesTheSameEventIdTwiceSoConsumersDropTheCopy() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        String key = "case-" + UUID.randomUUID();
        Instant due = clock.instant().plus(Duration.ofDays(2000));
        // Scheduled, fired, then scheduled again for the same instant: as if the first firing's commit had been lost.
        for (int firing = 0; firing < 2; firing++) {
            inTransaction(() -> timers.schedule(RecordingTimerHandler.KIND, key, due, "breach:" + customer));
            clock.advance(Duration.ofDays(firing == 0 ? 2001 : 0));
            fireDue();
        }

        List<String> ids = TestKafka.readAll(Topics.FEEDBACK, record -> customer.equals(record.key()), 2, Duration.ofSeconds(15))
                .stream().map(record -> TestKafka.header(record, "ce_id")).toList();
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
    }

    @Test
    void aBacklogLargerThanABatchFiresInOnePoll() throws Throwable {
        // A backlog of more than two batches: one poll fires them all, batch after batch, each timer once.
        assertThat(config.batchSize()).as("batch-size in the test configuration").isEqualTo(50);
        String prefix = UUID.randomUUID() + ":";
        Instant due = clock.instant().plus(Duration.ofDays(2400));
        scheduleNumbered(prefix, 120, due);
        clock.advance(Duration.ofDays(2401));

        assertThat(VertxContextSupport.subscribeAndAwait(poller::fireAllDue)).isGreaterThanOrEqualTo(120);
        assertThat(fired(prefix)).hasSize(120);
        assertThat(fired(prefix).values()).containsOnly(1L);
    }

    /** Schedules {@code count} timers due at {@code due}, keyed {@code prefix + 0 … count - 1}, in one transaction. */
    private void scheduleNumbered(String prefix, int count, Instant due) throws Throwable {
        inTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < count; i++) {
                String key = prefix + i;
                chain = chain.chain(() -> timers.schedule(RecordingTimerHandler.KIND, key, due, null));
            }
            return chain;
        });
    }

    /** One poll, as the service's own poller runs it. */
    private void fireDue() throws Throwable {
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
    }

    private void fireDueUnchecked() {
        try {
            fireDue();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void inTransaction(Supplier<Uni<?>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work::get));
    }

    /** How often each timer of the prefix fired. */
    private static Map<String, Long> fired(String prefix) throws Throwable {
        return firedInOrder(prefix).stream().collect(Collectors.groupingBy(key -> key, Collectors.counting()));
    }

    private static List<String> firedInOrder(String prefix) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select timer_key from fired_timers where timer_key like ?1 order by fired_at, ctid", String.class)
                .setParameter(1, prefix + "%").getResultList())));
    }

    private static String state(String key) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select status || ' attempts=' || attempts from platform_timers where timer_key = ?1", String.class)
                .setParameter(1, key).getSingleResult())));
    }
}
