package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.HeldLock;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer and the timer poller working the same customers at once, as when a company streams in history whose
 * absence and stall timers are already due: the consumer upserts customers, moves stages (cancelling and scheduling
 * stall timers) and updates rule state, while two pollers (two replicas) fire those customers' absence and stall
 * timers. Every event reaches its timeline once, every rule fires once, nothing is dead-lettered, and no transaction
 * deadlocks (so none needs retrying and no timer firing fails).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumerAndTimersTest {
    private static final int CUSTOMERS = 150;

    @Inject
    TimerPoller poller;
    @Inject
    MeterRegistry registry;

    @Test
    void theConsumerAndThePollersOnTheSameCustomersLoseNothingAndNeverDeadlock() throws Throwable {
        OffsetDateTime start = OffsetDateTime.now().minusDays(20);
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            customers.add(JourneyApi.newCustomer());
        }
        // A purchase and a failed first use 20 days ago: PP-NEW-CUSTOMER's absence timer and ONBOARDING's stall timer
        // (P14D) are due the moment the events are in.
        List<Map.Entry<String, String>> first = new ArrayList<>();
        for (String customer : customers) {
            first.add(event(customer, "web", "checkout.payment", "purchase", start, null));
            first.add(event(customer, "app", "dashboard", "feature_use", start.plusHours(1), "failure"));
        }
        double consumed = sum("journeyline.events.consumed");
        TestKafka.produceAll(Topics.TOUCHPOINTS, first);
        awaitConsumed(consumed + first.size());

        double retriedBefore = sum("journeyline.events.transient.failures");
        double timersFailedBefore = sum("journeyline.timers.failed");
        // The rest of their history, while two pollers fire the due timers of the very same customers: first a late
        // successful use, which moves the stage (the consumer cancels the stall timer a poller may be firing) and
        // updates the absence rule's state (which the absence timer reads), then errors (a pain point, an
        // intervention, rule state) and visits.
        List<Map.Entry<String, String>> rest = new ArrayList<>();
        for (String customer : customers) {
            rest.add(event(customer, "app", "dashboard", "feature_use", start.plusDays(8), "success"));
        }
        for (int i = 0; i < 3; i++) {
            for (String customer : customers) {
                rest.add(event(customer, "app", "setup.wifi", "error", start.plusHours(2).plusMinutes(i), null));
                rest.add(event(customer, "web", "home", "visit", start.plusHours(3).plusMinutes(i), null));
            }
        }
        AtomicBoolean polling = new AtomicBoolean(true);
        List<CompletableFuture<Void>> pollers = List.of(pollUntilStopped(polling), pollUntilStopped(polling));
        TestKafka.produceAll(Topics.TOUCHPOINTS, rest);
        awaitConsumed(consumed + first.size() + rest.size());
        for (String customer : customers) {
            await().atMost(Duration.ofSeconds(30)).until(() -> JourneyApi.timelineIds(customer).size() == 9);
        }
        polling.set(false);
        for (CompletableFuture<Void> p : pollers) {
            p.get(60, TimeUnit.SECONDS);
        }
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);

        for (String customer : customers) {
            assertThat(painPoints(customer)).as(customer).filteredOn(rule -> !rule.equals("PP-STALL"))
                    .containsExactlyInAnyOrder("PP-NEW-CUSTOMER", "PP-REPEATED-ERRORS");
        }
        assertThat(deadLettered(Set.copyOf(customers))).isEmpty();
        assertThat(sum("journeyline.events.transient.failures") - retriedBefore).as("consumer transactions retried").isZero();
        assertThat(sum("journeyline.timers.failed") - timersFailedBefore).as("timer firings that failed").isZero();
    }

    @Test
    void anAbsenceTimerOfACustomerTheConsumerHoldsIsLeftForTheNextPollNotDeadlocked() throws Throwable {
        String customer = JourneyApi.newCustomer();
        String neighbour = JourneyApi.newCustomer();
        OffsetDateTime twentyDaysAgo = OffsetDateTime.now().minusDays(20);
        TestKafka.produceAll(Topics.TOUCHPOINTS, List.of(
                event(customer, "web", "checkout.payment", "purchase", twentyDaysAgo, null),
                event(neighbour, "web", "checkout.payment", "purchase", twentyDaysAgo, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> JourneyApi.timelineIds(customer).size() == 1
                && JourneyApi.timelineIds(neighbour).size() == 1);
        double deferred = sum("journeyline.timers.deferred");

        // A consumer's batch holds the customer (and may schedule or cancel this customer's timers); both customers'
        // checks are due at the same instant, so one batch locks both timers: only the free customer's fires.
        try (HeldLock batch = HeldLock.of("select id from customers where id = ? for no key update", customer)) {
            VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
            assertThat(sum("journeyline.timers.deferred")).isGreaterThan(deferred);
            assertThat(painPoints(neighbour)).containsExactly("PP-NEW-CUSTOMER");
        }
        assertThat(painPoints(customer)).isEmpty();
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
        assertThat(painPoints(customer)).containsExactly("PP-NEW-CUSTOMER");
        assertThat(painPoints(neighbour)).as("fired once").containsExactly("PP-NEW-CUSTOMER");
    }

    private static List<String> painPoints(String customer) {
        return given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/customers/" + customer + "/pain-points?limit=50").then().statusCode(200)
                .extract().jsonPath().getList("items.ruleId", String.class);
    }

    /** Waits until the consumer has taken in this many first-seen events since the application started. */
    private void awaitConsumed(double events) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> sum("journeyline.events.consumed") >= events);
    }

    /**
     * A replica's poll on a worker thread, until the test has seen enough: it fires what is due again and again, and
     * rests only when a poll found nothing due at all (none fired, none left for later because its customer was busy).
     */
    private CompletableFuture<Void> pollUntilStopped(AtomicBoolean polling) {
        return CompletableFuture.runAsync(() -> {
            try {
                while (polling.get()) {
                    double deferred = sum("journeyline.timers.deferred");
                    int fired = VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
                    if (fired == 0 && sum("journeyline.timers.deferred") == deferred) {
                        return;
                    }
                }
            } catch (Throwable failure) {
                throw new IllegalStateException(failure);
            }
        });
    }

    private static Map.Entry<String, String> event(String customer, String channel, String touchpoint, String action,
                                                   OffsetDateTime time, String outcome) {
        ObjectNode event = TestEvents.touchpoint(customer, channel, touchpoint, action, time);
        if (outcome != null) {
            ((ObjectNode) event.get("data")).put("outcome", outcome);
        }
        return Map.entry(customer, event.toString());
    }

    /** The dead letters of these customers, read up to a sentinel dead-lettered after them. */
    private static List<ConsumerRecord<String, byte[]>> deadLettered(Set<String> customers) {
        String sentinel = "sentinel-" + JourneyApi.newCustomer();
        TestKafka.produce(Topics.TOUCHPOINTS, sentinel, "not json", Map.of());
        return TestKafka.readUntil(Topics.deadLetterTopicOf(Topics.TOUCHPOINTS),
                record -> customers.contains(record.key()) || sentinel.equals(record.key()),
                record -> sentinel.equals(record.key()), Duration.ofSeconds(30)).stream()
                .filter(record -> !sentinel.equals(record.key())).collect(Collectors.toList());
    }

    private double sum(String counter) {
        return registry.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }
}
