package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** "Why was I contacted?" as an agent reads it, after education-service answered journey-service's request. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DecisionsApiTest {
    /** Long before the other tests' periods, so this customer's decision counts in none of their figures. */
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2024-03-04T09:00:00Z");

    @Test
    void anEducationRequestIsToldWithItsEvidenceStageRuleAndWhatEducationServiceDid() {
        Customer a = new Customer(T0);
        a.touchpoint(0, "web", "checkout.payment", "purchase", Map.of("outcome", "success"));
        ObjectNode e1 = a.touchpoint(5, "app", "setup.wifi", "error", Map.of());
        ObjectNode e2 = a.touchpoint(25, "app", "setup.wifi", "error", Map.of());
        ObjectNode e3 = a.touchpoint(50, "app", "setup.wifi", "error", Map.of());
        String interventionId = a.awaitPainPoint("PP-REPEATED-ERRORS").getString("items[0].interventions[0].id");

        ObjectNode assigned = JsonNodeFactory.instance.objectNode().put("customerId", a.id).put("assignmentId", "as-" + a.id)
                .put("contentId", "wifi-setup").put("reason", "PP-REPEATED-ERRORS").put("interventionId", interventionId);
        a.send(Topics.EDUCATION, "io.journeyline.education.assigned", "/journeyline/education-service", 60, assigned);

        JsonPath decisions = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                .header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + a.id + "/decisions").then()
                .statusCode(200).extract().jsonPath(), page -> page.get("items[0].downstream") != null);
        assertThat(decisions.getList("items")).hasSize(1);
        assertThat(decisions.getString("items[0].interventionId")).isEqualTo(interventionId);
        assertThat(decisions.getString("items[0].type")).isEqualTo("EDUCATION");
        assertThat(decisions.getString("items[0].status")).isEqualTo("SENT");
        assertThat(decisions.getString("items[0].ruleId")).isEqualTo("PP-REPEATED-ERRORS");
        assertThat(decisions.getInt("items[0].ruleVersion")).isEqualTo(1);
        assertThat(decisions.getString("items[0].stage")).isEqualTo("ONBOARDING");
        assertThat(decisions.getList("items[0].evidence.eventId", String.class))
                .containsExactly(e1.get("id").asText(), e2.get("id").asText(), e3.get("id").asText());
        assertThat(decisions.getList("items[0].evidence.type", String.class)).containsOnly("io.journeyline.touchpoint.recorded");
        assertThat(decisions.getString("items[0].downstream.action")).isEqualTo("assigned");
        assertThat(decisions.getString("items[0].downstream.reference")).isEqualTo("as-" + a.id);
        assertThat(decisions.getString("items[0].downstream.detail")).isEqualTo("wifi-setup");
        assertThat(decisions.getString("items[0].outcome.painPointStatus")).isEqualTo("OPEN");
        assertThat(decisions.getBoolean("items[0].outcome.recurred")).isFalse();
    }

    @Test
    void aCustomerWithoutInterventionsHasNone() {
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + JourneyApi.newCustomer() + "/decisions")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }
}
