package io.journeyline.feedback;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestDeadLetters;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The platform's dead-letter endpoints in feedback-service, whose three channels read three topics: the same mechanism
 * as journey-service's. A case request that failed on a "bug" (a trigger refusing one customer's case) opens its case
 * once when replayed after the fix; an event on a topic it does not belong on is dead-lettered again as wrong-topic.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DeadLetterApiTest {
    private static final String OPERATOR = TestTokens.bearer(Roles.ADMIN);

    @Inject
    TestClock clock;

    @Test
    void aFailedCaseRequestOpensItsCaseOnceWhenReplayedAfterTheFix() {
        String start = OffsetDateTime.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
        String buggy = "cust-" + UUID.randomUUID();
        String misplaced = "cust-" + UUID.randomUUID();
        DatabaseScan.ofThisTest().execute("create function dlq_test_bug() returns trigger language plpgsql as $$ begin"
                + " raise exception 'cases refuse %', new.customer_id; end $$");
        DatabaseScan.ofThisTest().execute("create trigger dlq_test_bug before insert on cases for each row"
                + " when (new.customer_id = '" + buggy + "') execute function dlq_test_bug()");
        try {
            TestKafka.produce(Topics.INTERVENTIONS, buggy, caseRequested(buggy), Map.of());
            // journey-service's case request on journey.feedback, where only feedback-service and survey-service write
            TestKafka.produce(Topics.FEEDBACK, misplaced, caseRequested(misplaced), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> list("from=" + start).getList("items.key", String.class)
                    .containsAll(List.of(buggy, misplaced)));
        } finally {
            DatabaseScan.ofThisTest().execute("drop trigger dlq_test_bug on cases");
            DatabaseScan.ofThisTest().execute("drop function dlq_test_bug()");
        }

        // other test classes share the broker: only this test's keys are looked at
        JsonPath failed = list("topic=journey.interventions&reason=processing-failed&from=" + start)
                .setRootPath("items.findAll { it.key == '" + buggy + "' }");
        assertThat(failed.getList("id", String.class)).hasSize(1);
        assertThat(failed.getString("channel[0]")).isEqualTo("interventions");
        assertThat(failed.getString("consumer[0]")).isEqualTo("feedback-service");
        assertThat(failed.getString("type[0]")).isEqualTo("io.journeyline.intervention.case-requested");
        assertThat(failed.getString("detail[0]")).contains("cases refuse " + buggy);
        JsonPath wrongTopic = list("topic=journey.feedback&from=" + start)
                .setRootPath("items.findAll { it.key == '" + misplaced + "' }");
        assertThat(wrongTopic.getList("id", String.class)).hasSize(1);
        assertThat(wrongTopic.getString("reason[0]")).isEqualTo("wrong-topic");
        String misplacedId = wrongTopic.getString("id[0]");
        assertThat(misplacedId).startsWith(Topics.deadLetterTopicOf(Topics.FEEDBACK) + ":");

        JsonPath fixed = replay(Map.of("reason", "processing-failed", "topic", Topics.INTERVENTIONS, "from", start));
        assertThat(fixed.getList("outcomes.outcome", String.class)).containsExactly("processed");
        assertThat(cases(buggy).getList("items")).hasSize(1);

        JsonPath stillMisplaced = replay(Map.of("ids", List.of(misplacedId)));
        assertThat(stillMisplaced.getString("outcomes[0].outcome")).isEqualTo("dead-lettered");
        assertThat(stillMisplaced.getString("outcomes[0].reason")).isEqualTo("wrong-topic");
        assertThat(cases(misplaced).getList("items")).isEmpty();

        JsonPath again = replay(Map.of("ids", List.of(failed.getString("id[0]"), misplacedId)));
        assertThat(again.getList("outcomes.outcome", String.class)).containsExactly("skipped", "skipped");
        assertThat(cases(buggy).getList("items")).hasSize(1);
    }

    @Test
    void onlyAdminsSeeDeadLetters() {
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).get("/api/v1/dead-letters").then().statusCode(403);
        given().get("/api/v1/dead-letters").then().statusCode(401);
        given().header("Authorization", OPERATOR).get("/api/v1/dead-letters?topic=journey.touchpoints").then()
                .statusCode(400).body("errors[0].field", equalTo("topic"));
    }

    /** A case request sent now by the service's clock (an old one would open a case already past its SLA). */
    private String caseRequested(String customer) {
        var data = EventJson.mapper().createObjectNode().put("customerId", customer)
                .put("interventionId", "i-" + customer).put("painPointId", "pp-" + customer).put("severity", "NORMAL")
                .put("reason", "PP-REPEAT-CONTACT").put("topic", "returns").put("priority", "HIGH");
        data.putArray("evidence").add("e-1");
        return TestEvents.envelope("io.journeyline.intervention.case-requested", "/journeyline/journey-service", customer,
                clock.instant().atOffset(ZoneOffset.UTC), data).toString();
    }

    private static JsonPath cases(String customer) {
        return given().header("Authorization", CaseApi.AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath list(String query) {
        return TestDeadLetters.list(OPERATOR, query);
    }

    private static JsonPath replay(Map<String, Object> request) {
        return TestDeadLetters.replay(OPERATOR, request);
    }
}
