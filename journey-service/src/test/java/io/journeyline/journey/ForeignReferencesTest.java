package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.journeyline.journey.Customer.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pain-point ids are name-based UUIDs anyone can compute: an event of customer B naming customer A's pain point or
 * case is dead-lettered ({@code processing-failed}, the detail naming the field), resolves nothing of A's, and the
 * events after it are processed.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ForeignReferencesTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-10T08:00:00Z");

    @Test
    void aCompletionForAnotherCustomersPainPointIsDeadLetteredAndTheirPainPointStaysOpen() {
        Customer victim = new Customer(T0);
        for (int i = 0; i < 3; i++) {
            victim.touchpoint(i, "app", "setup.wifi", "error", Map.of());
        }
        String painPointId = victim.awaitPainPoint("PP-REPEATED-ERRORS").getString("items[0].id");
        Customer forger = new Customer(T0);

        ObjectNode forged = forger.send(Topics.EDUCATION, "io.journeyline.education.completed",
                "/journeyline/education-service", 60, completion(forger, painPointId));
        ObjectNode after = forger.touchpoint(61, "web", "home", "visit", Map.of());

        JourneyApi.awaitInTimeline(forger.id, idOf(after));
        ConsumerRecord<String, byte[]> deadLetter = deadLetter(Topics.EDUCATION, forger, idOf(forged));
        assertThat(TestKafka.header(deadLetter, "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(deadLetter, "dlq-detail"))
                .contains("painPointId '" + painPointId + "' belongs to another customer");
        assertThat(JourneyApi.timelineIds(forger.id)).containsExactly(idOf(after));
        assertThat(victim.painPoints(false).getString("items.find { it.id == '" + painPointId + "' }.status"))
                .isEqualTo("OPEN");
    }

    @Test
    void aCaseNamingAnotherCustomersPainPointOrCaseIsDeadLetteredAndResolvesNothingOfTheirs() {
        Customer victim = new Customer(T0);
        victim.survey(0, "NPS", 2);
        String painPointId = victim.awaitPainPoint("PP-DETRACTOR").getString("items[0].id");
        String victimsCase = "k-" + victim.id;
        victim.send(Topics.FEEDBACK, "io.journeyline.case.opened", "/journeyline/feedback-service", 10,
                caseEvent(victim, victimsCase, "RECEIVED").put("painPointId", painPointId));
        Customer forger = new Customer(T0);

        String forgersCase = "k-" + forger.id;
        ObjectNode forgedOpening = forger.send(Topics.FEEDBACK, "io.journeyline.case.opened",
                "/journeyline/feedback-service", 20, caseEvent(forger, forgersCase, "RECEIVED").put("painPointId", painPointId));
        forger.send(Topics.FEEDBACK, "io.journeyline.case.closed", "/journeyline/feedback-service", 30,
                caseEvent(forger, forgersCase, "CLOSED").put("outcome", "RECOVERED"));
        ObjectNode forgedClosing = forger.send(Topics.FEEDBACK, "io.journeyline.case.closed",
                "/journeyline/feedback-service", 40, caseEvent(forger, victimsCase, "CLOSED").put("outcome", "RECOVERED"));
        ObjectNode after = forger.touchpoint(41, "web", "home", "visit", Map.of());

        JourneyApi.awaitInTimeline(forger.id, idOf(after));
        assertThat(TestKafka.header(deadLetter(Topics.FEEDBACK, forger, idOf(forgedOpening)), "dlq-detail"))
                .contains("painPointId '" + painPointId + "' belongs to another customer");
        ConsumerRecord<String, byte[]> closing = deadLetter(Topics.FEEDBACK, forger, idOf(forgedClosing));
        assertThat(TestKafka.header(closing, "dlq-reason")).isEqualTo("processing-failed");
        assertThat(TestKafka.header(closing, "dlq-detail")).contains("caseId '" + victimsCase + "' belongs to another customer");
        assertThat(victim.painPoints(false).getString("items.find { it.id == '" + painPointId + "' }.status"))
                .isEqualTo("OPEN");

        victim.send(Topics.FEEDBACK, "io.journeyline.case.closed", "/journeyline/feedback-service", 50,
                caseEvent(victim, victimsCase, "CLOSED").put("outcome", "RECOVERED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> victim.painPoints(false)
                .getString("items.find { it.id == '" + painPointId + "' }.status"), "RESOLVED"::equals);
    }

    private static ObjectNode completion(Customer customer, String painPointId) {
        return JsonNodeFactory.instance.objectNode().put("customerId", customer.id)
                .put("assignmentId", "as-" + customer.id).put("contentId", "wifi-setup").put("reason", "PP-REPEATED-ERRORS")
                .put("painPointId", painPointId).put("topic", "setup.wifi");
    }

    private static ObjectNode caseEvent(Customer customer, String caseId, String status) {
        return JsonNodeFactory.instance.objectNode().put("customerId", customer.id).put("caseId", caseId)
                .put("status", status);
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String topic, Customer customer, String eventId) {
        List<ConsumerRecord<String, byte[]>> found = TestKafka.readAll(Topics.deadLetterTopicOf(topic),
                record -> customer.id.equals(record.key())
                        && new String(record.value(), StandardCharsets.UTF_8).contains(eventId), 1,
                Duration.ofSeconds(20));
        assertThat(found).as("the dead letter of " + eventId).hasSize(1);
        return found.get(0);
    }
}
