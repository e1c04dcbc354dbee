package io.journeyline.feedback;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A case command's text fits the event it goes into: a callback's note longer than {@code case.reopened}'s reason (500
 * characters) or an escalation's reason longer than {@code case.escalated}'s is a 400 naming the field, changing and
 * publishing nothing; 500 characters go through and reach Kafka whole. Ids in paths are bounded like the contract's.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseInputBoundsTest {
    private static final String ANA = TestTokens.bearerFor("ana", Roles.AGENT);
    private static final String SAM = TestTokens.bearerFor("sam", Roles.SUPERVISOR);

    @Test
    void aNoteOrReasonLongerThanItsEventAllowsIsRefusedAndOneThatFitsReachesKafka() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String caseId = CaseApi.complain(customer, "NORMAL", Map.of());
        command(caseId, "assign", ANA, Map.of("assignee", "ana")).statusCode(200);
        command(caseId, "resolve", ANA, Map.of("rootCause", "PROCESS")).statusCode(200);

        invalid(command(caseId, "callback", ANA, Map.of("outcome", "NOT_RECOVERED", "note", "n".repeat(501))), "note");
        assertThat(CaseApi.view(caseId).getString("record.status")).isEqualTo("RESOLVED");
        String note = "n".repeat(500);
        command(caseId, "callback", ANA, Map.of("outcome", "NOT_RECOVERED", "note", note)).statusCode(200)
                .body("record.status", equalTo("REOPENED"));

        invalid(command(caseId, "escalate", SAM, Map.of("reason", "r".repeat(501))), "reason");
        assertThat(CaseApi.view(caseId).getString("record.status")).isEqualTo("REOPENED");
        String reason = "r".repeat(500);
        command(caseId, "escalate", SAM, Map.of("reason", reason)).statusCode(200)
                .body("record.status", equalTo("ESCALATED"));
        invalid(command(caseId, "notes", ANA, Map.of("note", "x".repeat(501))), "note");
        invalid(command(caseId, "assign", SAM, Map.of("assignee", "a".repeat(129))), "assignee");

        List<ConsumerRecord<String, byte[]>> published = TestKafka.readAll(Topics.FEEDBACK,
                r -> customer.equals(r.key()), 5, Duration.ofSeconds(20));
        assertThat(published).extracting(r -> TestKafka.header(r, "ce_type")).containsExactly(
                "io.journeyline.feedback.received", "io.journeyline.case.opened", "io.journeyline.case.resolved",
                "io.journeyline.case.reopened", "io.journeyline.case.escalated");
        assertThat(EventJson.mapper().readTree(published.get(3).value()).get("reason").asText()).isEqualTo(note);
        assertThat(EventJson.mapper().readTree(published.get(4).value()).get("reason").asText()).isEqualTo(reason);
    }

    @Test
    void idsInPathsLongerThanTheContractsAreRefusedNamingThem() {
        invalid(command("k".repeat(129), "acknowledge", ANA, Map.of()), "caseId");
        invalid(given().header("Authorization", ANA).get("/api/v1/cases/" + "k".repeat(129)).then(), "caseId");
        invalid(given().header("Authorization", ANA).get("/api/v1/customers/" + "c".repeat(129) + "/cases").then(),
                "customerId");
        invalid(given().header("Authorization", ANA).get("/api/v1/feedback/" + "f".repeat(129)).then(), "id");
        given().header("Authorization", ANA).get("/api/v1/customers/" + "c".repeat(128) + "/cases").then()
                .statusCode(200).body("items.size()", equalTo(0));
    }

    private static void invalid(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    private static ValidatableResponse command(String caseId, String command, String token, Map<String, String> body) {
        return given().header("Authorization", token).contentType("application/json").body(body)
                .post("/api/v1/cases/" + caseId + "/" + command).then();
    }
}
