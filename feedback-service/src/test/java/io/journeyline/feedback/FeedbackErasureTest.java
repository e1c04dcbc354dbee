package io.journeyline.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestErasures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * feedback-service erasing a customer journey-service asked it to: feedback texts and case notes go, the cases stay
 * for the outer loop's figures under a stand-in, and a case still open is closed with its timers.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class FeedbackErasureTest {
    @Inject
    Pseudonyms pseudonyms;
    @Inject
    TestClock clock;

    @Test
    void aClosedCaseKeepsItsFiguresWithoutThePersonItsTextOrItsNotes() {
        String customer = "cust-" + UUID.randomUUID();
        String text = "my number is +86 138 " + UUID.randomUUID();
        String note = "called back on " + UUID.randomUUID();
        String caseId = CaseApi.complain(customer, "NORMAL", Map.of("text", text, "category", "BILLING_FEES", "topic", "billing"));
        CaseApi.command(caseId, "acknowledge");
        CaseApi.command(caseId, "notes", Map.of("note", note));
        CaseApi.command(caseId, "resolve", Map.of("rootCause", "BILLING_FEES", "note", note));
        CaseApi.command(caseId, "callback", Map.of("outcome", "RECOVERED", "note", note), CaseApi.SUPERVISOR);
        Map<String, Object> analytics = analytics();

        String erasureId = TestErasures.request(OffsetDateTime.now(clock), customer);

        JsonNode receipt = TestErasures.awaitReceipt(Topics.FEEDBACK, erasureId);
        assertThat(receipt.get("service").asText()).isEqualTo("feedback-service");
        assertThat(receipt.get("customerHmac").asText()).isEqualTo(pseudonyms.of(customer));
        assertThat(receipt.get("counts").get("cases").asLong()).isEqualTo(1);
        assertThat(receipt.get("counts").get("feedback_items").asLong()).isEqualTo(1);
        assertThat(TestErasures.awaitCancellation(customer).get("erasureId").asText()).isEqualTo(erasureId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(DatabaseScan.ofThisTest().tablesHolding(customer)).isEmpty());
        assertThat(DatabaseScan.ofThisTest().tablesHolding(text)).isEmpty();
        assertThat(DatabaseScan.ofThisTest().tablesHolding(note)).isEmpty();
        assertThat(analytics()).as("the figures already reported").isEqualTo(analytics);
        assertThat(CaseApi.view(caseId).getString("record.status")).isEqualTo("CLOSED");
    }

    @Test
    void anOpenCaseIsClosedAsErasedAndItsSlaTimersGo() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = CaseApi.complain(customer, "HIGH", Map.of("text", "no parcel"));
        assertThat(DatabaseScan.ofThisTest().tablesHolding(caseId)).anyMatch(table -> table.startsWith("platform_timers"));

        String erasureId = TestErasures.request(OffsetDateTime.now(clock), customer);
        TestErasures.awaitReceipt(Topics.FEEDBACK, erasureId);

        var view = CaseApi.view(caseId);
        assertThat(view.getString("record.status")).isEqualTo("CLOSED");
        assertThat(view.getString("record.outcome")).isEqualTo("NOT_VERIFIED");
        assertThat(view.getList("history.action", String.class)).last().isEqualTo("ERASED");
        assertThat(DatabaseScan.ofThisTest().tablesHolding(caseId)).noneMatch(table -> table.startsWith("platform_timers"));
        // closed, its clocks stopped: it counts no clock in the queue's order by urgency, as its sla (null) says
        assertThat(view.getList("clocks.state")).containsOnly("stopped");
        assertThat(KeptUrgency.mismatches("id", caseId)).isEmpty();
    }

    /** Case analytics over the default period, without the period's bounds (they move with the clock). */
    private static Map<String, Object> analytics() {
        Map<String, Object> analytics = new HashMap<>(given().header("Authorization", CaseApi.SUPERVISOR)
                .get("/api/v1/analytics/cases").then().statusCode(200).extract().jsonPath().getMap(""));
        analytics.keySet().removeAll(List.of("from", "to"));
        return analytics;
    }
}
