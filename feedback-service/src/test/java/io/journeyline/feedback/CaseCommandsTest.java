package io.journeyline.feedback;

import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** An agent and a supervisor work a case through its lifecycle over the API; every change is kept and published. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseCommandsTest {
    /** The agent the case is assigned to (the commands of someone else's case are a supervisor's: CaseRightsApiTest). */
    private static final String AGENT = TestTokens.bearerFor("ana", Roles.AGENT);
    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Test
    void aCaseIsWorkedToAVerifiedRecoveryAndIllegalStepsAreRefusedNamingTheAllowedOnes() {
        String customer = "cust-" + UUID.randomUUID();
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "complaint", "category", "BILLING_FEES", "channel", "phone",
                        "topic", "billing", "severity", "NORMAL"))
                .post("/api/v1/feedback").then().statusCode(201);
        String caseId = given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().path("items[0].id");

        command(caseId, "resolve", AGENT, Map.of("rootCause", "BILLING_FEES")).statusCode(409)
                .body("detail", equalTo("cannot resolve a case that is RECEIVED; allowed: acknowledge, assign, notes, escalate"));
        command(caseId, "acknowledge", AGENT, Map.of()).statusCode(200).body("record.status", equalTo("ACKNOWLEDGED"));
        command(caseId, "acknowledge", AGENT, Map.of()).statusCode(409);
        command(caseId, "assign", AGENT, Map.of("team", "billing", "assignee", "ana")).statusCode(200)
                .body("record.status", equalTo("IN_PROGRESS")).body("record.assignee", equalTo("ana"));
        command(caseId, "wait-on-customer", AGENT, Map.of("note", "asked for the invoice")).statusCode(200)
                .body("record.waiting", equalTo(true));
        command(caseId, "resume", AGENT, Map.of()).statusCode(200).body("record.waiting", equalTo(false));
        command(caseId, "escalate", AGENT, Map.of()).statusCode(403);
        command(caseId, "escalate", SUPERVISOR, Map.of("reason", "third call")).statusCode(200)
                .body("record.status", equalTo("ESCALATED")).body("record.priority", equalTo("HIGH"));
        command(caseId, "resolve", AGENT, Map.of("rootCause", "SOMETHING")).statusCode(400)
                .body("errors[0].field", equalTo("rootCause"));
        command(caseId, "resolve", AGENT, Map.of("rootCause", "BILLING_FEES", "note", "fee refunded")).statusCode(200)
                .body("record.status", equalTo("RESOLVED")).body("record.rootCause", equalTo("BILLING_FEES"));
        command(caseId, "callback", AGENT, Map.of("outcome", "NOT_RECOVERED")).statusCode(200)
                .body("record.status", equalTo("REOPENED")).body("record.reopenings", equalTo(1));
        command(caseId, "resolve", AGENT, Map.of("rootCause", "PROCESS")).statusCode(200);
        command(caseId, "callback", AGENT, Map.of("outcome", "maybe")).statusCode(400).body("errors[0].field", equalTo("outcome"));
        command(caseId, "callback", AGENT, Map.of("outcome", "RECOVERED", "note", "customer happy")).statusCode(200)
                .body("record.status", equalTo("CLOSED")).body("record.outcome", equalTo("RECOVERED"))
                .body("history.action", equalTo(List.of("opened", "acknowledge", "assign", "wait-on-customer", "resume",
                        "escalate", "resolve", "follow-up-result", "resolve", "follow-up-result")));
        command(caseId, "escalate", SUPERVISOR, Map.of()).statusCode(409)
                .body("detail", equalTo("cannot escalate a case that is CLOSED; allowed: notes"));

        List<String> published = TestKafka.readAll(Topics.FEEDBACK, r -> r.key().equals(customer), 8, Duration.ofSeconds(20))
                .stream().map(r -> TestKafka.header(r, "ce_type")).toList();
        assertThat(published).containsExactly("io.journeyline.feedback.received", "io.journeyline.case.opened",
                "io.journeyline.case.acknowledged", "io.journeyline.case.escalated", "io.journeyline.case.resolved",
                "io.journeyline.case.reopened", "io.journeyline.case.resolved", "io.journeyline.case.closed");

        // the topic is free again: a new complaint on it opens a new case
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "complaint", "category", "BILLING_FEES", "channel", "phone",
                        "topic", "billing"))
                .post("/api/v1/feedback").then().statusCode(201);
        given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/cases").then().statusCode(200)
                .body("items.status", equalTo(List.of("RECEIVED", "CLOSED")));
        command("no-such-case", "acknowledge", AGENT, Map.of()).statusCode(404);
    }

    private static ValidatableResponse command(String caseId, String command, String token, Map<String, String> body) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/cases/" + caseId + "/" + command).then();
    }
}
