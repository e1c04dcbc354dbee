package io.journeyline.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cases open by themselves from complaints and from journey-service's case requests (real Kafka and PostgreSQL);
 * one open case per customer and topic gathers further contacts instead of opening a second one.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseOpeningTest {
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Inject
    TestClock clock;

    @Test
    void aComplaintOpensACaseAndASecondOnTheSameTopicJoinsItWhileAnotherTopicOpensAnother() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String first = complain(customer, "billing", "HIGH");
        String second = complain(customer, "billing", null);
        complain(customer, "delivery", null);
        given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "praise", "category", "OTHER", "channel", "web",
                        "topic", "shop"))
                .post("/api/v1/feedback").then().statusCode(201);

        JsonPath cases = cases(customer);
        assertThat(cases.getList("items.topic")).containsExactlyInAnyOrder("billing", "delivery");
        String billing = cases.getString("items.find { it.topic == 'billing' }.id");
        assertThat(cases.getString("items.find { it.topic == 'billing' }.priority")).isEqualTo("HIGH");
        assertThat(cases.getString("items.find { it.topic == 'billing' }.status")).isEqualTo("RECEIVED");

        JsonPath view = given().header("Authorization", AGENT).get("/api/v1/cases/" + billing).then().statusCode(200)
                .extract().jsonPath();
        assertThat(view.getList("contacts.refId")).containsExactly(first, second);
        assertThat(view.getList("history.action")).containsExactly("opened", "gathered");

        List<ConsumerRecord<String, byte[]>> opened = TestKafka.readAll(Topics.FEEDBACK, r -> r.key().equals(customer)
                && "io.journeyline.case.opened".equals(TestKafka.header(r, "ce_type")), 2, Duration.ofSeconds(20));
        assertThat(opened).hasSize(2);
        JsonNode data = EventJson.mapper().readTree(opened.get(0).value());
        assertThat(data.get("caseId").asText()).isEqualTo(billing);
        assertThat(data.get("feedbackId").asText()).isEqualTo(first);
    }

    @Test
    void journeyServicesCaseRequestOpensACaseWithItsPainPointAndTheSameRequestTwiceMakesOne() throws Exception {
        String customer = "cust-" + UUID.randomUUID();
        String request = caseRequested(customer, "returns", "pp-" + customer);
        TestKafka.produce(Topics.INTERVENTIONS, customer, request, Map.of("content-type", "application/cloudevents+json"));
        TestKafka.produce(Topics.INTERVENTIONS, customer, request, Map.of("content-type", "application/cloudevents+json"));
        String later = caseRequested(customer, "returns", "pp-2-" + customer);
        TestKafka.produce(Topics.INTERVENTIONS, customer, later, Map.of("content-type", "application/cloudevents+json"));

        JsonPath cases = await().atMost(Duration.ofSeconds(20)).until(() -> cases(customer),
                found -> found.getList("items").size() == 1 && contacts(found.getString("items[0].id")) == 2);
        assertThat(cases.getString("items[0].painPointId")).isEqualTo("pp-" + customer);
        assertThat(cases.getString("items[0].priority")).isEqualTo("HIGH");

        ConsumerRecord<String, byte[]> opened = TestKafka.read(Topics.FEEDBACK, r -> r.key().equals(customer)
                && "io.journeyline.case.opened".equals(TestKafka.header(r, "ce_type")), 1, Duration.ofSeconds(20)).get(0);
        assertThat(EventJson.mapper().readTree(opened.value()).get("painPointId").asText()).isEqualTo("pp-" + customer);
    }

    private static String complain(String customer, String topic, String severity) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("customerId", customer, "kind", "complaint",
                "category", "BILLING_FEES", "channel", "phone", "topic", topic));
        if (severity != null) {
            body.put("severity", severity);
        }
        return given().header("Authorization", AGENT).contentType("application/json").body(body)
                .post("/api/v1/feedback").then().statusCode(201).extract().path("id");
    }

    /** A case request sent now by the service's clock (an old one would open a case already past its SLA). */
    private String caseRequested(String customer, String topic, String painPointId) {
        var data = EventJson.mapper().createObjectNode().put("customerId", customer)
                .put("interventionId", "i-" + painPointId).put("painPointId", painPointId).put("severity", "NORMAL")
                .put("reason", "PP-REPEAT-CONTACT").put("topic", topic).put("priority", "HIGH");
        data.putArray("evidence").add("e-1").add("e-2");
        return TestEvents.envelope("io.journeyline.intervention.case-requested", "/journeyline/journey-service", customer,
                clock.instant().atOffset(ZoneOffset.UTC), data).toString();
    }

    private static JsonPath cases(String customer) {
        return given().header("Authorization", AGENT).get("/api/v1/customers/" + customer + "/cases").then()
                .statusCode(200).extract().jsonPath();
    }

    private static int contacts(String caseId) {
        return given().header("Authorization", AGENT).get("/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().jsonPath().getList("contacts").size();
    }
}
