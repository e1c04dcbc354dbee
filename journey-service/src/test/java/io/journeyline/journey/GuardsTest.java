package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guards that need a survey rule (the defaults ask for none): an admin adds two survey rules on touchpoints only
 * these tests use, beside the unchanged defaults, and puts the defaults back afterwards. Also story 3: a content gap
 * across five customers, each complainant educated once.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class GuardsTest {
    @jakarta.inject.Inject
    io.journeyline.platform.privacy.Pseudonyms pseudonyms;
    private static final String DEFAULTS = defaults();
    private static final String SURVEY_RULES = """
              - id: PP-TEST-CHECKOUT-SURVEY
                version: 1
                status: ACTIVE
                severity: LOW
                on: {types: [io.journeyline.touchpoint.recorded], where: {touchpoint: test.checkout, action: purchase}}
                action: {type: SURVEY, surveyKind: CSAT}
              - id: PP-TEST-DELIVERY-SURVEY
                version: 1
                status: ACTIVE
                severity: LOW
                on: {types: [io.journeyline.touchpoint.recorded], where: {touchpoint: test.delivery, action: delivery}}
                action: {type: SURVEY, surveyKind: CES}
            """;
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-12T09:00:00Z");

    @BeforeEach
    void addTheSurveyRules() {
        put(DEFAULTS + SURVEY_RULES);
    }

    @AfterEach
    void restoreTheDefaults() {
        put(DEFAULTS);
    }

    @Test
    void noSurveyWhileTheCustomersCaseIsOpenAndSurveysAreSpaced() {
        Customer withCase = new Customer(T0);
        ObjectNode opened = JsonNodeFactory.instance.objectNode().put("customerId", withCase.id).put("caseId", "k-" + withCase.id)
                .put("status", "RECEIVED").put("priority", "NORMAL");
        ObjectNode caseOpened = withCase.send(Topics.FEEDBACK, "io.journeyline.case.opened",
                "/journeyline/feedback-service", 0, opened);
        JourneyApi.awaitInTimeline(withCase.id, caseOpened.get("id").asText());   // another topic: known first
        withCase.touchpoint(10, "web", "test.checkout", "purchase", Map.of());

        JsonPath suppressed = withCase.awaitPainPoint("PP-TEST-CHECKOUT-SURVEY");
        String survey = "items.find { it.ruleId == 'PP-TEST-CHECKOUT-SURVEY' }.interventions[0]";
        assertThat(suppressed.getString(survey + ".suppressedBy")).isEqualTo("open-case");
        assertThat(suppressed.getString(survey + ".reason")).isEqualTo("no survey while a case of the customer is open");

        Customer twice = new Customer(T0);
        twice.touchpoint(0, "web", "test.checkout", "purchase", Map.of());
        twice.touchpoint(2 * 24 * 60, "store", "test.delivery", "delivery", Map.of());
        twice.awaitPainPoint("PP-TEST-CHECKOUT-SURVEY");
        JsonPath both = twice.awaitPainPoint("PP-TEST-DELIVERY-SURVEY");
        // (the purchase also starts PP-NEW-CUSTOMER's wait for a first use: only the survey rules matter here)
        assertThat(both.getList("items.findAll { it.ruleId.startsWith('PP-TEST') }.interventions.flatten()", Map.class))
                .extracting(i -> i.get("status") + ":" + i.get("suppressedBy"))
                .containsExactlyInAnyOrder("SENT:null", "SUPPRESSED:survey-spacing");
        List<String> requested = TestKafka.readAll(Topics.INTERVENTIONS, r -> r.key().equals(twice.id)
                && "io.journeyline.intervention.survey-requested".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(20)).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(requested).singleElement().asString().contains("\"surveyKind\":\"CSAT\"");
    }

    @Test
    void story3FiveCustomersMisunderstandingOneTopicAreAContentGapAndEachIsEducatedOnce() {
        String topic = "refund-policy-" + UUID.randomUUID().toString().substring(0, 8);
        List<Customer> complainants = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Customer customer = new Customer(T0.plusDays(i));
            customer.complaint(0, "MISUNDERSTANDING", topic, null);
            complainants.add(customer);
        }

        ConsumerRecord<String, byte[]> gap = TestKafka.read(Topics.INSIGHTS, r -> r.key().equals("topic:" + topic), 1,
                Duration.ofSeconds(30)).get(0);
        assertThat(TestKafka.header(gap, "ce_type")).isEqualTo("io.journeyline.journey.content-gap-detected");
        String value = new String(gap.value(), StandardCharsets.UTF_8);
        assertThat(value).doesNotContain("customerId\"").contains("\"count\":5", "\"category\":\"MISUNDERSTANDING\"");
        // the event stays on Kafka for the topic's retention: the customers are named by their pseudonyms only
        complainants.forEach(customer -> assertThat(value).contains(pseudonyms.of(customer.id)).doesNotContain(customer.id));

        for (Customer customer : complainants) {
            List<Map<String, Object>> interventions = given().header("Authorization", JourneyApi.AGENT)
                    .get("/api/v1/customers/" + customer.id + "/journey").then().statusCode(200).extract().jsonPath()
                    .getList("interventions.sent");
            assertThat(interventions).as(customer.id).singleElement()
                    .satisfies(sent -> assertThat(sent).containsEntry("type", "EDUCATION").containsEntry("topic", topic));
        }
    }

    private static void put(String rules) {
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml")
                .body(rules.getBytes(StandardCharsets.UTF_8)).put("/api/v1/rules").then().statusCode(200);
    }

    private static String defaults() {
        try (InputStream in = GuardsTest.class.getClassLoader().getResourceAsStream("rules/default-rules.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
