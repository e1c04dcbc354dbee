package io.journeyline.feedback;

import io.journeyline.feedback.persistence.SlaRepository;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.journeyline.feedback.CaseApi.command;
import static io.journeyline.feedback.CaseApi.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The SLA clocks as a console shows them, with DOMAIN.md's defaults (NORMAL: acknowledge within 24 h, resolve within
 * 5 days; HIGH: 4 h and 48 h; warning at 80 %) and a moved clock: a case's {@code clocks} with their due times and
 * states, each list item's most urgent open clock ({@code sla}), and the queue in order of urgency.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseClocksTest {
    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void theClocksAreDueAtTheirTargetsAndTurnAtRiskAt80PercentThenBreached() throws Throwable {
        String topic = "topic-" + UUID.randomUUID();
        String caseId = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of("topic", topic));
        OffsetDateTime openedAt = OffsetDateTime.parse(view(caseId).getString("record.openedAt"));

        assertClocks(caseId, "running", openedAt.plusHours(24), "running", openedAt.plusDays(5));

        clock.advance(Duration.ofHours(19).plusMinutes(11));      // 80 % of 24 h is 19 h 12 min
        fireDue();
        assertClocks(caseId, "running", openedAt.plusHours(24), "running", openedAt.plusDays(5));
        clock.advance(Duration.ofMinutes(2));
        fireDue();
        assertClocks(caseId, "at-risk", openedAt.plusHours(24), "running", openedAt.plusDays(5));
        assertThat(queue(Map.of("topic", topic)).getString("items[0].sla.state")).isEqualTo("at-risk");

        clock.advance(Duration.ofMinutes(4 * 60 + 48));           // past 24 h
        fireDue();
        assertClocks(caseId, "breached", openedAt.plusHours(24), "running", openedAt.plusDays(5));
        assertThat(view(caseId).getString("record.status")).isEqualTo("ESCALATED");
        JsonPath queue = queue(Map.of("topic", topic));
        assertThat(queue.getString("items[0].sla.clock")).isEqualTo("ACKNOWLEDGE");
        assertThat(queue.getString("items[0].sla.state")).isEqualTo("breached");
        assertThat(OffsetDateTime.parse(queue.getString("items[0].sla.dueAt"))).isAtSameInstantAs(openedAt.plusHours(24));
    }

    @Test
    void acknowledgingStopsItsClockAndWaitingOnTheCustomerPausesTheOtherWithItsTimeLeft() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = CaseApi.complain(customer, "HIGH", Map.of());
        OffsetDateTime openedAt = OffsetDateTime.parse(view(caseId).getString("record.openedAt"));

        clock.advance(Duration.ofHours(1));
        command(caseId, "acknowledge");
        JsonPath acknowledged = view(caseId);
        assertThat(acknowledged.getList("clocks.state")).containsExactly("stopped", "running");
        assertThat(acknowledged.getString("clocks[0].dueAt")).isNull();
        assertThat(OffsetDateTime.parse(acknowledged.getString("clocks[1].dueAt"))).isAtSameInstantAs(openedAt.plusHours(48));
        assertThat(customersFirstSla(customer)).containsEntry("clock", "RESOLVE").containsEntry("state", "running");

        clock.advance(Duration.ofHours(1));
        command(caseId, "wait-on-customer");
        JsonPath waiting = view(caseId);
        // 48 h less the 2 h it ran (to the millisecond the clock keeps; the test clock runs on with the wall's)
        Duration left = Duration.ofHours(48).minus(Duration.between(openedAt, at(waiting, "wait-on-customer")));
        assertThat(waiting.getList("clocks.state")).containsExactly("stopped", "paused");
        assertThat(waiting.getString("clocks[1].dueAt")).isNull();
        assertThat(Duration.parse(waiting.getString("clocks[1].remaining")))
                .isBetween(left.minusMillis(1), left.plusMillis(1)).isBetween(Duration.ofHours(46).minusMinutes(1), Duration.ofHours(46));
        assertThat(customersFirstSla(customer)).containsEntry("clock", "RESOLVE").containsEntry("state", "paused")
                .containsEntry("remaining", waiting.getString("clocks[1].remaining")).containsEntry("dueAt", null);

        clock.advance(Duration.ofDays(3));                         // paused: nothing is due meanwhile
        fireDue();
        command(caseId, "resume");
        JsonPath resumed = view(caseId);
        assertThat(resumed.getList("clocks.state")).containsExactly("stopped", "running");
        assertThat(resumed.getString("clocks[1].remaining")).isNull();
        OffsetDateTime due = at(resumed, "resume").plus(Duration.parse(waiting.getString("clocks[1].remaining")));
        assertThat(Duration.between(due, OffsetDateTime.parse(resumed.getString("clocks[1].dueAt"))).abs())
                .isLessThanOrEqualTo(Duration.ofMillis(1));
    }

    @Test
    void byUrgencyTheQueueListsBreachedThenAtRiskThenTheNearestDueThenTheRest() throws Throwable {
        String topic = "topic-" + UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        // HIGH: acknowledge within 4 h, warned at 3 h 12 min
        String breached = complain(topic, "HIGH", now.minusHours(5));
        String atRisk = complain(topic, "HIGH", now.minusMinutes(3 * 60 + 30));
        String waiting = complain(topic, "HIGH", now.minusMinutes(10));
        command(waiting, "acknowledge");
        command(waiting, "wait-on-customer");
        String normal = complain(topic, "NORMAL", now.minusMinutes(1));    // due in 24 h
        String fresh = complain(topic, "HIGH", now);                       // due in 4 h
        fireDue();

        JsonPath urgent = queue(Map.of("topic", topic, "order", "urgency"));
        assertThat(urgent.getList("items.id")).containsExactly(breached, atRisk, fresh, normal, waiting);
        assertThat(urgent.getList("items.sla.state")).containsExactly("breached", "at-risk", "running", "running", "paused");
        assertThat(urgent.getList("items.sla.clock"))
                .containsExactly("ACKNOWLEDGE", "ACKNOWLEDGE", "ACKNOWLEDGE", "ACKNOWLEDGE", "RESOLVE");
        assertThat(OffsetDateTime.parse(urgent.getString("items[2].sla.dueAt"))).isAtSameInstantAs(now.plusHours(4));
        assertThat(urgent.getString("items[0].status")).isEqualTo("ESCALATED");   // the item is the case as before

        assertThat(queue(Map.of("topic", topic)).getList("items.id"))
                .as("newest first stays the default").containsExactly(fresh, normal, waiting, atRisk, breached);
        assertThat(queue(Map.of("topic", topic, "order", "newest")).getList("items.id"))
                .containsExactly(fresh, normal, waiting, atRisk, breached);

        // a case that is resolved has no open clock: it is with the rest, its sla null
        command(breached, "resolve", Map.of("rootCause", "PROCESS"));
        JsonPath after = queue(Map.of("topic", topic, "order", "urgency"));
        assertThat(after.getList("items.id")).containsExactly(atRisk, fresh, normal, waiting, breached);
        assertThat(after.getString("items[4].sla")).isNull();

        given().header("Authorization", CaseApi.AGENT).queryParam("order", "oldest").get("/api/v1/cases").then()
                .statusCode(400).body("errors[0].field", equalTo("order"));
    }

    @Test
    void eachCasesMostUrgentClockIsTheFirstEntryOfItsIndexNotASort() throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            // a sort only where no index gives the order
            db.createStatement().execute("set enable_sort = off; set enable_incremental_sort = off");
            ResultSet plan = db.createStatement().executeQuery("explain select u.* from cases left join lateral ("
                    + SlaRepository.MOST_URGENT_OPEN_CLOCK + ") u on true where cases.id = 'any'");
            StringBuilder lines = new StringBuilder();
            while (plan.next()) {
                lines.append(plan.getString(1)).append('\n');
            }
            assertThat(lines.toString()).contains("case_sla_open_by_urgency").doesNotContain("Sort");
        }
    }

    private void assertClocks(String caseId, String acknowledge, OffsetDateTime acknowledgeDue, String resolve,
                              OffsetDateTime resolveDue) {
        JsonPath view = view(caseId);
        assertThat(view.getList("clocks.clock")).containsExactly("ACKNOWLEDGE", "RESOLVE");
        assertThat(view.getList("clocks.state")).containsExactly(acknowledge, resolve);
        assertThat(OffsetDateTime.parse(view.getString("clocks[0].dueAt"))).isAtSameInstantAs(acknowledgeDue);
        assertThat(OffsetDateTime.parse(view.getString("clocks[1].dueAt"))).isAtSameInstantAs(resolveDue);
        assertThat(view.getList("clocks.remaining")).containsExactly(null, null);
    }

    /** When the case's last {@code action} happened, by its history. */
    private static OffsetDateTime at(JsonPath view, String action) {
        List<String> actions = view.getList("history.action", String.class);
        return OffsetDateTime.parse(view.getString("history[" + actions.lastIndexOf(action) + "].at"));
    }

    private static String complain(String topic, String severity, OffsetDateTime receivedAt) {
        return CaseApi.complain("cust-" + UUID.randomUUID(), severity,
                Map.of("topic", topic, "receivedAt", receivedAt.toString()));
    }

    private static JsonPath queue(Map<String, String> query) {
        return given().header("Authorization", CaseApi.AGENT).queryParams(query).get("/api/v1/cases").then()
                .statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> customersFirstSla(String customer) {
        return given().header("Authorization", CaseApi.AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().jsonPath().getMap("items[0].sla");
    }

    private void fireDue() throws Throwable {
        CaseApi.fireDue(poller);
    }
}
