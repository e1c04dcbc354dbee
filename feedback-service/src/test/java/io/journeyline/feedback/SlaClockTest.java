package io.journeyline.feedback;

import io.journeyline.contract.Topics;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.HeldLock;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.journeyline.feedback.CaseApi.command;
import static io.journeyline.feedback.CaseApi.history;
import static io.journeyline.feedback.CaseApi.view;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA clocks with DOMAIN.md's defaults and a controlled clock (no waiting): HIGH must be acknowledged within 4 h
 * (warning at 80 % = 3 h 12 min); a breach is published and escalates the case; acknowledging in time stops the clock;
 * waiting on the customer pauses the resolution clock.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SlaClockTest {
    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void anUnacknowledgedHighComplaintWarnsThenBreachesAndEscalates() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = openCase(customer, "HIGH");
        String onTime = openCase("cust-" + UUID.randomUUID(), "HIGH");
        command(onTime, "acknowledge");

        clock.advance(Duration.ofMinutes(3 * 60 + 11));
        fireDue();
        assertThat(history(caseId)).doesNotContain("sla-warning");
        clock.advance(Duration.ofMinutes(2));
        fireDue();
        assertThat(history(caseId)).containsExactly("opened", "sla-warning");

        clock.advance(Duration.ofMinutes(50));
        fireDue();
        JsonPath view = view(caseId);
        assertThat(view.getList("history.action")).containsExactly("opened", "sla-warning", "sla-breached", "escalate");
        assertThat(view.getString("record.status")).isEqualTo("ESCALATED");
        assertThat(view.getString("record.priority")).isEqualTo("CRITICAL");
        assertThat(history(onTime)).containsExactly("opened", "acknowledge");

        List<String> published = TestKafka.readAll(Topics.FEEDBACK, r -> r.key().equals(customer), 4, Duration.ofSeconds(20))
                .stream().map(r -> TestKafka.header(r, "ce_type") + " " + new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertThat(published).hasSize(4);
        assertThat(published.get(2)).startsWith("io.journeyline.case.sla-breached").contains("\"clock\":\"ACKNOWLEDGE\"");
        assertThat(published.get(3)).startsWith("io.journeyline.case.escalated").contains("\"priority\":\"CRITICAL\"");
    }

    @Test
    void waitingOnTheCustomerPausesTheResolutionClock() throws Throwable {
        String caseId = openCase("cust-" + UUID.randomUUID(), "NORMAL");   // resolve within 5 days
        command(caseId, "acknowledge");
        command(caseId, "wait-on-customer");

        clock.advance(Duration.ofDays(6));
        fireDue();
        assertThat(history(caseId)).doesNotContain("sla-warning", "sla-breached");

        command(caseId, "resume");
        clock.advance(Duration.ofDays(4).plusHours(1));       // 80 % of 5 days = 4 days of running clock
        fireDue();
        assertThat(history(caseId)).contains("sla-warning").doesNotContain("sla-breached");
        clock.advance(Duration.ofDays(1));
        fireDue();
        assertThat(history(caseId)).endsWith("sla-breached", "escalate");
    }

    @Test
    void feedbackTakenEarlierStartsItsClocksWhenItWasTaken() throws Throwable {
        OffsetDateTime takenAt = OffsetDateTime.now(clock).minusHours(3).minusMinutes(15).truncatedTo(ChronoUnit.SECONDS);
        String caseId = CaseApi.complain("cust-" + UUID.randomUUID(), "HIGH", Map.of("receivedAt", takenAt.toString()));
        assertThat(OffsetDateTime.parse(view(caseId).getString("record.openedAt"))).isAtSameInstantAs(takenAt);

        fireDue();                                             // 3 h 15 min of the 4 h already used: past 80 %
        assertThat(history(caseId)).containsExactly("opened", "sla-warning");
        clock.advance(Duration.ofMinutes(46));
        fireDue();
        assertThat(history(caseId)).containsExactly("opened", "sla-warning", "sla-breached", "escalate");
    }

    @Test
    void afterDowntimeThePollerCatchesUpOnEveryAlarmDueMeanwhileInOrder() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = openCase(customer, "HIGH");
        OffsetDateTime openedAt = OffsetDateTime.parse(view(caseId).getString("record.openedAt"));

        clock.advance(Duration.ofHours(10));                   // nothing polled: the service was down
        fireDue();                                             // the first poll after it came back
        assertThat(history(caseId)).containsExactly("opened", "sla-warning", "sla-breached", "escalate");
        String breach = new String(TestKafka.read(Topics.FEEDBACK, r -> r.key().equals(customer)
                        && "io.journeyline.case.sla-breached".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(20)).get(0).value(), StandardCharsets.UTF_8);
        // the breach names when the clock was due, not when the poller noticed
        assertThat(OffsetDateTime.parse(JsonPath.from(breach).getString("dueAt"))).isAtSameInstantAs(openedAt.plusHours(4));
    }

    @Test
    void aMoreUrgentComplaintRaisesTheCasePriorityAndItsClocksTargets() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = openCase(customer, "NORMAL");          // acknowledge within 24 h
        String calm = openCase("cust-" + UUID.randomUUID(), "NORMAL");
        clock.advance(Duration.ofHours(1));
        assertThat(openCase(customer, "CRITICAL")).isEqualTo(caseId);   // joins: acknowledge within 30 min

        JsonPath view = view(caseId);
        assertThat(view.getString("record.priority")).isEqualTo("CRITICAL");
        assertThat(view.getList("history.action")).containsExactly("opened", "gathered", "priority-raised");
        fireDue();                                             // 1 h used of the new 30 min: due at once
        assertThat(history(caseId)).containsExactly("opened", "gathered", "priority-raised", "sla-warning",
                "sla-breached", "escalate");

        assertThat(queue("true")).contains(caseId).doesNotContain(calm);
        assertThat(queue("false")).contains(calm).doesNotContain(caseId);
    }

    private static List<String> queue(String breached) {
        return given().header("Authorization", CaseApi.AGENT).queryParam("breached", breached).queryParam("limit", 200)
                .get("/api/v1/cases").then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
    }

    @Test
    void anAlarmWhoseCaseAnAgentIsWorkingWaitsForTheCommandInsteadOfDeadlocking() throws Throwable {
        String caseId = openCase("cust-" + UUID.randomUUID(), "HIGH");
        clock.advance(Duration.ofMinutes(3 * 60 + 13));

        // A command holds the case (and will stop or move its clocks' timers): the poller leaves its alarm for later.
        try (HeldLock command = HeldLock.of("select id from cases where id = ? for update", caseId)) {
            fireDue();
        }
        assertThat(history(caseId)).containsExactly("opened");
        fireDue();
        assertThat(history(caseId)).containsExactly("opened", "sla-warning");
    }

    private static String openCase(String customer, String severity) {
        return CaseApi.complain(customer, severity, Map.of());
    }

    private void fireDue() throws Throwable {
        CaseApi.fireDue(poller);
    }
}
