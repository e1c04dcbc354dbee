package io.journeyline.platform.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.Topics;
import io.journeyline.contract.event.CaseSlaBreached;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A service never publishes an event its consumers must dead-letter: the outbox checks each event against its own
 * schema before writing it. A user's command gets a 400 naming the event's field; a consumed event whose processing
 * would publish one is dead-lettered itself, naming the field, and nothing is published.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OutboxContractTest {
    @Inject
    Outbox outbox;

    @Test
    void aCommandWhoseEventBreaksItsSchemaIsA400NamingTheFieldAndWritesNothing() {
        String customer = "cust-" + UUID.randomUUID();
        CaseSlaBreached withoutCase = new CaseSlaBreached(customer, null, CaseStatus.RECEIVED, SlaClock.ACKNOWLEDGE,
                OffsetDateTime.now(ZoneOffset.UTC));

        Throwable failure = catchThrowable(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                outbox.publish(withoutCase))));

        assertThat(failure).isInstanceOfSatisfying(ProblemException.class, problem -> {
            assertThat(problem.problem().status()).isEqualTo(400);
            assertThat(problem.problem().errors()).extracting(error -> error.field()).containsExactly("data.caseId");
        });
        assertThat(publishedUpToASentinel(customer)).as("only the sentinel reached Kafka").hasSize(1);
    }

    @Test
    void aConsumedEventWhoseProcessingWouldPublishABrokenEventIsDeadLetteredNamingTheField() {
        String customer = "cust-" + UUID.randomUUID();
        String id = "evt-" + UUID.randomUUID();
        TestKafka.produce(Topics.FEEDBACK, customer, JsonNodeFactory.instance.objectNode().put("customerId", customer)
                .put("feedbackId", "f-1").put("kind", "complaint").put("category", "BILLING_FEES").put("channel", "phone")
                .put("text", "publish-invalid").toString(), Map.of("ce_specversion", "1.0", "ce_id", id,
                "ce_source", "/test/feedback", "ce_type", "io.journeyline.feedback.received",
                "ce_time", "2026-11-23T10:00:00Z", "content-type", "application/json"));

        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.readAll(Topics.deadLetterTopicOf(Topics.FEEDBACK),
                record -> id.equals(TestKafka.header(record, "ce_id")), 1, Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(1);
        assertThat(TestKafka.header(deadLetters.get(0), "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(deadLetters.get(0), "dlq-detail"))
                .contains("io.journeyline.case.sla-breached event would break the event contract").contains("data.caseId");
        assertThat(publishedUpToASentinel(customer)).as("only the sentinel reached Kafka").hasSize(1);
    }

    /**
     * The customer's breaches on Kafka up to a valid one published now: anything the code under test published
     * before it would be among them.
     */
    private List<ConsumerRecord<String, byte[]>> publishedUpToASentinel(String customer) {
        String sentinelCase = "sentinel-" + UUID.randomUUID();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.publish(new CaseSlaBreached(
                    customer, sentinelCase, CaseStatus.RECEIVED, SlaClock.ACKNOWLEDGE, OffsetDateTime.now(ZoneOffset.UTC)))));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return TestKafka.readUntil(Topics.FEEDBACK, record -> customer.equals(record.key())
                        && "io.journeyline.case.sla-breached".equals(TestKafka.header(record, "ce_type")),
                record -> new String(record.value(), java.nio.charset.StandardCharsets.UTF_8).contains(sentinelCase),
                Duration.ofSeconds(20));
    }
}
