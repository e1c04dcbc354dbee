package io.journeyline.feedback;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A case's view lists the commands its state allows now ({@code allowed}, as the API's command paths), so a console
 * can offer just those; a command outside the list is the 409 naming exactly that list, and one inside it is taken.
 * The expected lists are DOMAIN.md's case lifecycle.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseAllowedTest {

    @Test
    void aCaseOffersWhatItsStateAllowsAndARefusalNamesTheSameCommands() {
        String caseId = CaseApi.complain("cust-" + UUID.randomUUID(), "NORMAL", Map.of());

        // RECEIVED: acknowledged next (→ ACKNOWLEDGED) or escalated (from any open state); an owner and notes any time
        // it is open; not resolved before it was acknowledged, no waiting, no follow-up yet
        assertThat(allowed(caseId)).containsExactly("acknowledge", "assign", "notes", "escalate");
        // and the root causes a resolution may name, so a form can offer exactly those (the configured default list)
        assertThat(CaseApi.view(caseId).getList("rootCauses", String.class)).containsExactly("PRODUCT_DEFECT",
                "PROCESS", "POLICY", "BILLING_FEES", "DELIVERY", "SERVICE_ATTITUDE", "RESPONSE_DELAY",
                "MISUNDERSTANDING", "KNOWLEDGE_GAP", "OTHER");
        refused(caseId, "resolve", Map.of("rootCause", "BILLING_FEES"), "RECEIVED");
        refused(caseId, "callback", Map.of("outcome", "RECOVERED"), "RECEIVED");

        List<String> acknowledged = post(caseId, "acknowledge", Map.of(), CaseApi.AGENT).statusCode(200)
                .extract().jsonPath().getList("allowed", String.class);     // every command answers the new list
        assertThat(acknowledged).doesNotContain("acknowledge", "resume", "callback")
                .contains("notes", "escalate", "wait-on-customer", "resolve")
                .isEqualTo(allowed(caseId));
        refused(caseId, "acknowledge", Map.of(), "ACKNOWLEDGED");

        // waiting on the customer: resume, not wait again
        CaseApi.command(caseId, "wait-on-customer");
        assertThat(allowed(caseId)).contains("resume", "resolve").doesNotContain("wait-on-customer");
        refused(caseId, "wait-on-customer", Map.of(), "ACKNOWLEDGED (waiting on the customer)");
        CaseApi.command(caseId, "resume");
        assertThat(allowed(caseId)).contains("wait-on-customer").doesNotContain("resume");

        // RESOLVED waits for its follow-up: the callback (the service's own follow-up steps are not offered)
        CaseApi.command(caseId, "resolve", Map.of("rootCause", "BILLING_FEES"));
        assertThat(allowed(caseId)).containsExactly("notes", "callback");
        refused(caseId, "escalate", Map.of(), "RESOLVED");

        // "not solved" reopens it: open again, worked again
        post(caseId, "callback", Map.of("outcome", "NOT_RECOVERED"), CaseApi.SUPERVISOR).statusCode(200)
                .body("record.status", equalTo("REOPENED"));
        assertThat(allowed(caseId)).containsExactly("assign", "notes", "escalate", "wait-on-customer", "resolve");

        CaseApi.command(caseId, "resolve", Map.of("rootCause", "BILLING_FEES"));
        post(caseId, "callback", Map.of("outcome", "RECOVERED"), CaseApi.SUPERVISOR).statusCode(200)
                .body("record.status", equalTo("CLOSED")).body("allowed", equalTo(List.of("notes")));
        refused(caseId, "callback", Map.of("outcome", "RECOVERED"), "CLOSED");
        post(caseId, "notes", Map.of("note", "the customer wrote to thank us"), CaseApi.AGENT).statusCode(200);
    }

    /** The command is refused with 409 naming what the view's {@code allowed} lists, and changes nothing. */
    private static void refused(String caseId, String command, Map<String, String> body, String status) {
        List<String> allowed = allowed(caseId);
        assertThat(allowed).doesNotContain(command);
        List<String> history = CaseApi.history(caseId);
        post(caseId, command, body, CaseApi.SUPERVISOR).statusCode(409).body("detail", equalTo("cannot " + command
                + " a case that is " + status + "; allowed: " + String.join(", ", allowed)));
        assertThat(CaseApi.history(caseId)).isEqualTo(history);
    }

    private static List<String> allowed(String caseId) {
        return CaseApi.view(caseId).getList("allowed", String.class);
    }

    private static ValidatableResponse post(String caseId, String command, Map<String, String> body, String token) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/cases/" + caseId + "/" + command).then();
    }
}
