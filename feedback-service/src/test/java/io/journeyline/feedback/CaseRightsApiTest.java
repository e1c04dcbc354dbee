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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Agents take unassigned cases themselves and call back their own; assigning to someone else, reassigning and calling
 * back someone else's case are a supervisor's (403 problem+json saying why), and a refused command changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseRightsApiTest {
    private static final String ANA = TestTokens.bearerFor("ana", Roles.AGENT);
    private static final String BOB = TestTokens.bearerFor("bob", Roles.AGENT);
    private static final String SAM = TestTokens.bearerFor("sam", Roles.SUPERVISOR);

    @Test
    void anAgentTakesAnUnassignedCaseButNeitherGivesItToSomeoneElseNorTakesItFromThem() {
        String caseId = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of());

        forbidden(command(caseId, "assign", ANA, Map.of("assignee", "bob")), "assignee")
                .body("detail", containsString("only to themselves ('ana')"));
        forbidden(command(caseId, "assign", ANA, Map.of("team", "billing")), "assignee");
        assertThat(CaseApi.view(caseId).getString("record.assignee")).isNull();
        assertThat(CaseApi.history(caseId)).containsExactly("opened");

        command(caseId, "assign", ANA, Map.of("assignee", "ana", "team", "delivery")).statusCode(200)
                .body("record.assignee", equalTo("ana")).body("record.team", equalTo("delivery"));
        forbidden(command(caseId, "assign", BOB, Map.of("assignee", "bob")), "assignee")
                .body("detail", containsString("the case is assigned to 'ana'; reassigning a case is a supervisor's right"));
        forbidden(command(caseId, "assign", ANA, Map.of("assignee", "ana", "team", "billing")), "team");
        assertThat(CaseApi.view(caseId).getString("record.assignee")).isEqualTo("ana");
        assertThat(CaseApi.view(caseId).getString("record.team")).isEqualTo("delivery");

        command(caseId, "assign", SAM, Map.of("assignee", "bob", "team", "billing")).statusCode(200)
                .body("record.assignee", equalTo("bob")).body("record.team", equalTo("billing"));
        command(caseId, "assign", SAM, Map.of("assignee", "ana")).statusCode(200).body("record.assignee", equalTo("ana"));
    }

    @Test
    void anAgentCallsBackTheirOwnCaseButNotSomeoneElsesNorOneNobodyTook() {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = CaseApi.complain(customer, "NORMAL", Map.of());
        command(caseId, "assign", ANA, Map.of("assignee", "ana")).statusCode(200);
        forbidden(command(caseId, "resolve", BOB, Map.of("rootCause", "PROCESS")), null)
                .body("detail", containsString("the case is assigned to 'ana'"));
        forbidden(command(caseId, "wait-on-customer", BOB, Map.of()), null);
        command(caseId, "resolve", ANA, Map.of("rootCause", "PROCESS")).statusCode(200);

        forbidden(command(caseId, "callback", BOB, Map.of("outcome", "RECOVERED")), null)
                .body("detail", containsString("calling back someone else's case is a supervisor's right"));
        assertThat(CaseApi.view(caseId).getString("record.status")).isEqualTo("RESOLVED");
        command(caseId, "notes", BOB, Map.of("note", "customer called me, asked for ana")).statusCode(200);

        command(caseId, "callback", ANA, Map.of("outcome", "NOT_RECOVERED")).statusCode(200)
                .body("record.status", equalTo("REOPENED"));
        command(caseId, "resolve", ANA, Map.of("rootCause", "PROCESS")).statusCode(200);
        command(caseId, "callback", SAM, Map.of("outcome", "RECOVERED")).statusCode(200)
                .body("record.status", equalTo("CLOSED")).body("record.outcome", equalTo("RECOVERED"));

        String unassigned = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of());
        command(unassigned, "acknowledge", BOB, Map.of()).statusCode(200);
        command(unassigned, "resolve", BOB, Map.of("rootCause", "PROCESS")).statusCode(200)
                .body("record.assignee", nullValue());
        forbidden(command(unassigned, "callback", BOB, Map.of("outcome", "RECOVERED")), null)
                .body("detail", containsString("assign this one to yourself first"));
        assertThat(CaseApi.view(unassigned).getString("record.status")).isEqualTo("RESOLVED");

        // what was refused published nothing: one close, from the supervisor's callback
        List<String> types = TestKafka.readAll(Topics.FEEDBACK, r -> customer.equals(r.key()), 6, Duration.ofSeconds(20))
                .stream().map(r -> TestKafka.header(r, "ce_type")).toList();
        assertThat(types).containsExactly("io.journeyline.feedback.received", "io.journeyline.case.opened",
                "io.journeyline.case.resolved", "io.journeyline.case.reopened", "io.journeyline.case.resolved",
                "io.journeyline.case.closed");
    }

    @Test
    void onlyASupervisorEscalates() {
        String caseId = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of());
        command(caseId, "assign", ANA, Map.of("assignee", "ana")).statusCode(200);
        command(caseId, "escalate", ANA, Map.of("reason", "third call")).statusCode(403)
                .contentType("application/problem+json");
        command(caseId, "escalate", SAM, Map.of("reason", "third call")).statusCode(200)
                .body("record.status", equalTo("ESCALATED"));
    }

    private static ValidatableResponse forbidden(ValidatableResponse response, String field) {
        response.statusCode(403).contentType("application/problem+json").body("status", equalTo(403))
                .body("type", equalTo("https://journeyline.io/problems/forbidden"));
        return field == null ? response : response.body("errors[0].field", equalTo(field));
    }

    private static ValidatableResponse command(String caseId, String command, String token, Map<String, String> body) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/cases/" + caseId + "/" + command).then();
    }
}
