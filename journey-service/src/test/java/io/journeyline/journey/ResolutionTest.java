package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Closing the loop: a pain point resolved by completed education or a recovered case, and education without effect. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ResolutionTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-03T08:00:00Z");
    private static final Map<String, Object> NONE = Map.of();

    @Test
    void completedEducationResolvesThePainPointAndARecurrenceWithin30DaysFlagsItIneffective() {
        Customer a = new Customer(T0);
        errors(a, 0);
        String painPointId = a.awaitPainPoint("PP-REPEATED-ERRORS").getString("items[0].id");

        completed(a, 120, painPointId, "setup.wifi");
        awaitStatus(a, painPointId, "RESOLVED");
        JsonPath resolved = a.painPoints(false);
        assertThat(resolved.getString("items[0].resolution")).isEqualTo("education-completed");
        String published = TestKafka.read(Topics.INSIGHTS, r -> r.key().equals(a.id)
                        && "io.journeyline.journey.pain-point-resolved".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(20)).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertThat(published).contains(painPointId, "\"resolution\":\"education-completed\"");

        errors(a, 10 * 24 * 60);
        JsonPath flagged = a.awaitPainPoint("PP-EDU-NO-EFFECT");
        Map<String, Object> noEffect = flagged.getMap("items.find { it.ruleId == 'PP-EDU-NO-EFFECT' }");
        assertThat(noEffect).containsEntry("topic", "setup.wifi").containsEntry("status", "OPEN");
        assertThat(flagged.getList("items.findAll { it.ruleId == 'PP-REPEATED-ERRORS' }")).hasSize(2);
    }

    @Test
    void aSignalThatCameBackBeforeTheEducationWasCompletedLeavesThePainPointOpen() {
        Customer b = new Customer(T0);
        errors(b, 0);
        String first = b.awaitPainPoint("PP-REPEATED-ERRORS").getString("items[0].id");
        errors(b, 3 * 24 * 60);
        await().atMost(Duration.ofSeconds(20)).until(() -> b.painPoints(false).getList("items"), items -> items.size() == 2);

        completed(b, 4 * 24 * 60, first, "setup.wifi");
        b.touchpoint(4 * 24 * 60 + 1, "phone", "hotline", "contact", Map.of("waitMs", 900_000));
        b.awaitPainPoint("PP-LONG-WAIT");

        assertThat(b.painPoints(false).getString("items.find { it.id == '" + first + "' }.status")).isEqualTo("OPEN");
    }

    @Test
    void aCaseClosedRecoveredResolvesThePainPointItAnswered() {
        Customer c = new Customer(T0);
        c.survey(0, "NPS", 2);
        String painPointId = c.awaitPainPoint("PP-DETRACTOR").getString("items[0].id");

        ObjectNode opened = JsonNodeFactory.instance.objectNode().put("customerId", c.id).put("caseId", "k-" + c.id)
                .put("status", "RECEIVED").put("priority", "HIGH").put("painPointId", painPointId);
        c.send(Topics.FEEDBACK, "io.journeyline.case.opened", "/journeyline/feedback-service", 10, opened);
        ObjectNode closed = JsonNodeFactory.instance.objectNode().put("customerId", c.id).put("caseId", "k-" + c.id)
                .put("status", "CLOSED").put("outcome", "RECOVERED");
        c.send(Topics.FEEDBACK, "io.journeyline.case.closed", "/journeyline/feedback-service", 3 * 24 * 60, closed);

        awaitStatus(c, painPointId, "RESOLVED");
        assertThat(c.painPoints(false).getString("items[0].resolution")).isEqualTo("case-recovered");
        List<String> types = JourneyApi.timeline(c.id, "limit=50").extract().jsonPath().getList("items.type", String.class);
        assertThat(types.get(0)).isEqualTo("io.journeyline.journey.pain-point-resolved");
    }

    private static void errors(Customer customer, int minutes) {
        for (int i = 0; i < 3; i++) {
            customer.touchpoint(minutes + i, "app", "setup.wifi", "error", NONE);
        }
    }

    private static void completed(Customer customer, int minutes, String painPointId, String topic) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", customer.id)
                .put("assignmentId", "as-" + painPointId).put("contentId", "wifi-setup").put("reason", "PP-REPEATED-ERRORS")
                .put("painPointId", painPointId).put("topic", topic);
        customer.send(Topics.EDUCATION, "io.journeyline.education.completed", "/journeyline/education-service", minutes, data);
    }

    private static void awaitStatus(Customer customer, String painPointId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> customer.painPoints(false)
                .getString("items.find { it.id == '" + painPointId + "' }.status"), status::equals);
    }
}
