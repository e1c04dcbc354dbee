package io.journeyline.platform.privacy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.Topics;
import io.journeyline.contract.event.FeedbackReceived;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.FeedbackCategory;
import io.journeyline.contract.vocabulary.FeedbackKind;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * An erasure through the real pipeline: the customer's rows go, the tombstone holds only the HMAC, and events for the
 * customer that arrive afterwards are dropped when they are dated before the erasure (a late producer, a replay) or,
 * from Journeyline's own services, within the echo window after it — and processed when they are later.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ErasureTest {
    private static final OffsetDateTime ERASED_AT = OffsetDateTime.parse("2026-11-23T10:00:00Z");

    @Inject
    Erasures erasures;
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    Outbox outbox;

    @Test
    void eventsDatedBeforeTheErasureAreDroppedAndCountedLaterOnesProcessed() throws Throwable {
        String customer = "c-erase-" + UUID.randomUUID();
        String before = produce(customer, ERASED_AT.minusHours(1), "/crm");
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(customer).contains(before));

        Map<String, Long> counts = erase(customer, "er-" + UUID.randomUUID());
        assertThat(counts).containsEntry("handled_events", 1L);
        assertThat(handled(customer)).isEmpty();

        String late = produce(customer, ERASED_AT.minusMinutes(1), "/crm");
        String echo = produce(customer, ERASED_AT.plusMinutes(30), "/journeyline/education-service");
        String atTheErasure = produce(customer, ERASED_AT, "/crm");
        String cameBack = produce(customer, ERASED_AT.plusSeconds(1), "/crm");
        String laterEcho = produce(customer, ERASED_AT.plusHours(25), "/journeyline/education-service");

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(customer).size() >= 2);
        // the later two were produced after the dropped ones, on the customer's one partition: those were seen first
        assertThat(handled(customer)).containsExactlyInAnyOrder(cameBack, laterEcho).doesNotContain(late, echo, atTheErasure);
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("journeyline_events_erased_total{channel=\"test-events\",type=\"io.journeyline.feedback.received\"}"));
    }

    @Test
    void theTombstoneNamesTheCustomerOnlyByTheHmac() throws Throwable {
        String customer = "c-tomb-" + UUID.randomUUID();
        String erasureId = "er-" + UUID.randomUUID();
        erase(customer, erasureId);

        List<Object[]> rows = query("select customer_hmac, erasure_id, erased_before from platform_erasures where erasure_id = '"
                + erasureId + "'");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)[0]).isEqualTo(pseudonyms.of(customer));
        assertThat(((OffsetDateTime) rows.get(0)[2]).toInstant()).isEqualTo(ERASED_AT.toInstant());
        assertThat(query("select * from platform_erasures where customer_hmac like '%" + customer + "%'")).isEmpty();
    }

    @Test
    void unsentOutboxRowsOfTheCustomerGoAndOthersStay() throws Throwable {
        String erased = "c-out-" + UUID.randomUUID();
        String other = "c-keep-" + UUID.randomUUID();
        Map<String, Long> counts = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                outbox.publish(feedback(erased)).chain(() -> outbox.publish(feedback(other)))
                        .chain(() -> erasures.erase(new Erasure("er-" + UUID.randomUUID(), List.of(erased), ERASED_AT)))
                        .call(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                        "select count(*) from outbox_events where record_key = ?1", Long.class)
                                .setParameter(1, other).getSingleResult())
                                .invoke(left -> assertThat(left).isEqualTo(1L)))));
        assertThat(counts).containsEntry("outbox_events", 1L);
    }

    private Map<String, Long> erase(String customer, String erasureId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                erasures.erase(new Erasure(erasureId, List.of(customer), ERASED_AT))));
    }

    private static FeedbackReceived feedback(String customer) {
        return new FeedbackReceived(customer, "f-" + UUID.randomUUID(), FeedbackKind.COMPLAINT,
                FeedbackCategory.BILLING_FEES, Channel.PHONE, null, "fine", null, null, null);
    }

    private static String produce(String customer, OffsetDateTime time, String source) {
        String id = "evt-" + UUID.randomUUID();
        String data = JsonNodeFactory.instance.objectNode().put("customerId", customer).put("feedbackId", "f-" + id)
                .put("kind", "complaint").put("category", "BILLING_FEES").put("channel", "phone").put("text", "fine")
                .toString();
        TestKafka.produce(Topics.FEEDBACK, customer, data, Map.of("ce_specversion", "1.0", "ce_id", id,
                "ce_source", source, "ce_type", "io.journeyline.feedback.received", "ce_time", time.toString(),
                "content-type", "application/json"));
        return id;
    }

    private static List<String> handled(String customer) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                    .createNativeQuery("select event_id from handled_events where customer_id = ?1", String.class)
                    .setParameter(1, customer).getResultList())));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object[]> query(String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(sql, Object[].class).getResultList())));
    }
}
