package io.journeyline.platform.persistence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * {@code journeyline.db.statement-timeout} reaches every connection of the reactive pool: PostgreSQL cancels a
 * statement that runs longer (here set short, 300 ms), and shorter ones run as before; a consumed event whose work
 * times out every time is dead-lettered alone after its retries, the events around it processed.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(StatementTimeoutTest.ShortTimeout.class)
class StatementTimeoutTest {
    /** A statement timeout short enough to wait for. */
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("journeyline.db.statement-timeout", "300ms");
        }
    }

    @Inject
    Pool pool;

    @Test
    void anEventWhoseWorkAlwaysTimesOutIsDeadLetteredAloneAndItsPartitionGoesOn() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (String text : List.of("before", "slow", "after")) {
            String id = "evt-" + text + "-" + UUID.randomUUID();
            ids.add(id);
            TestKafka.produce(Topics.FEEDBACK, customer, JsonNodeFactory.instance.objectNode().put("customerId", customer)
                    .put("feedbackId", "f-" + id).put("kind", "complaint").put("category", "BILLING_FEES")
                    .put("channel", "phone").put("text", text).toString(), Map.of("ce_specversion", "1.0", "ce_id", id,
                    "ce_source", "/test/feedback", "ce_type", "io.journeyline.feedback.received",
                    "ce_time", "2026-11-23T10:00:00Z", "content-type", "application/json"));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> handled(customer).containsAll(List.of(ids.get(0), ids.get(2))));
        assertThat(handled(customer)).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        // the partition went on past the slow event, so its dead letter is written: read the topic to its end
        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.FEEDBACK),
                record -> customer.equals(record.key()), 1, Duration.ofSeconds(30));
        assertThat(deadLetters).extracting(record -> TestKafka.header(record, "ce_id")).containsExactly(ids.get(1));
        assertThat(TestKafka.header(deadLetters.get(0), "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(deadLetters.get(0), "dlq-detail")).contains("statement timeout");
    }

    private List<String> handled(String customer) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session ->
                    session.createNativeQuery("select event_id from handled_events where customer_id = ?1", String.class)
                            .setParameter(1, customer).getResultList())));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStatementRunningLongerThanTheTimeoutIsCancelled() {
        Throwable cancelled = catchThrowable(() -> pool.query("select pg_sleep(5)").execute()
                .await().atMost(Duration.ofSeconds(30)));

        assertThat(cancelled).isInstanceOf(PgException.class)
                .hasMessageContaining("canceling statement due to statement timeout");
        assertThat(((PgException) cancelled).getSqlState()).isEqualTo("57014");
        assertThat(pool.query("select pg_sleep(0.05), current_setting('statement_timeout') as timeout").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getString("timeout")).isEqualTo("300ms");
    }
}
