package io.journeyline.education;

import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.HeldLock;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md: assigned, no progress for 7 days = dropped out; every report restarts the clock. The clock is moved. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DropOutTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);

    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void sevenDaysWithoutProgressIsADropOutAndEveryReportRestartsTheClock() throws Throwable {
        String idle = assign("cust-" + UUID.randomUUID());
        String active = assign("cust-" + UUID.randomUUID());

        clock.advance(Duration.ofDays(5));
        progress(active, "STARTED", 40);
        clock.advance(Duration.ofDays(2).plusMinutes(1));           // idle: 7 days; active: 2 days since its report
        fireDue();
        assertThat(status(idle)).isEqualTo("DROPPED_OUT");
        assertThat(status(active)).isEqualTo("STARTED");
        String customer = given().header("Authorization", AGENT).get("/api/v1/assignments/" + idle).then()
                .extract().path("customerId");
        assertThat(TestKafka.readAll(Topics.EDUCATION, r -> customer.equals(r.key())
                && "io.journeyline.education.dropped-out".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(15)))
                .hasSize(1);

        clock.advance(Duration.ofDays(5));                           // active: 7 days since its report
        fireDue();
        assertThat(status(active)).isEqualTo("DROPPED_OUT");

        progress(idle, "STARTED", 10);                               // back after dropping out
        assertThat(status(idle)).isEqualTo("STARTED");
        progress(idle, "COMPLETED", 100);
        clock.advance(Duration.ofDays(30));
        fireDue();
        assertThat(status(idle)).as("a completed assignment never drops out").isEqualTo("COMPLETED");
    }

    @Test
    void aDropOutWhoseAssignmentAProgressReportHoldsWaitsForItInsteadOfDeadlocking() throws Throwable {
        String assignment = assign("cust-" + UUID.randomUUID());
        clock.advance(Duration.ofDays(7).plusMinutes(1));

        // A progress report holds the assignment (and will move this very timer): the poller leaves it for later.
        try (HeldLock report = HeldLock.of("select id from assignments where id = ? for update", assignment)) {
            fireDue();
            assertThat(status(assignment)).isEqualTo("ASSIGNED");
        }
        fireDue();
        assertThat(status(assignment)).isEqualTo("DROPPED_OUT");
    }

    private static String assign(String customer) {
        return given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("contentId", Catalog.content("wifi-setup", "interactive-tutorial", "wifi"),
                        "reason", "agent's choice"))
                .post("/api/v1/customers/" + customer + "/assignments").then().statusCode(201).extract().path("id");
    }

    private static void progress(String assignment, String status, int percent) {
        given().header("Authorization", INGEST).contentType("application/json")
                .body(Map.of("status", status, "percent", percent))
                .post("/api/v1/assignments/" + assignment + "/progress").then().statusCode(200);
    }

    private static String status(String assignment) {
        return given().header("Authorization", AGENT).get("/api/v1/assignments/" + assignment).then().statusCode(200)
                .extract().path("status");
    }

    private void fireDue() throws Throwable {
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
    }
}
