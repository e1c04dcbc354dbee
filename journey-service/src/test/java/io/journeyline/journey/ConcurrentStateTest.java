package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One customer's events on two partitions at once (a producer that partitions keys its own way): the two consumer
 * copies process batches touching the same rule state concurrently. No update is lost (every error is evidence), the
 * rule fires once, and nothing deadlocks into a dead letter. The same for an aggregate shared by many customers.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConcurrentStateTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-07T10:00:00Z");

    @Test
    void errorsOfOneCustomerOnTwoPartitionsAreAllEvidenceOfOnePainPoint() {
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            customers.add(JourneyApi.newCustomer());
        }
        for (int i = 0; i < 4; i++) {
            for (String customer : customers) {
                for (int partition : new int[]{0, 2}) {
                    ObjectNode error = TestEvents.touchpoint(customer, "app", "setup.wifi", "error",
                            T0.plusMinutes(i * 2L + partition));
                    TestKafka.produce(Topics.TOUCHPOINTS, partition, customer, error.toString(), Map.of());
                }
            }
        }

        for (String customer : customers) {
            JsonPath painPoints = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> painPoints(customer), found -> found.getList("items").size() == 1
                            && found.getList("items[0].evidence").size() == 8);
            assertThat(painPoints.getList("items[0].interventions")).as(customer).hasSize(1);
        }
    }

    @Test
    void misunderstandingsOfManyCustomersOnAllPartitionsMakeOneContentGap() {
        String topic = "pricing-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 24; c++) {
            String customer = JourneyApi.newCustomer();
            customers.add(customer);
            ObjectNode data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("customerId", customer).put("feedbackId", "f-" + c).put("kind", "complaint")
                    .put("category", "MISUNDERSTANDING").put("channel", "phone").put("topic", topic);
            ObjectNode complaint = TestEvents.envelope("io.journeyline.feedback.received", "/journeyline/feedback-service",
                    customer, T0.plusMinutes(c), data);
            TestKafka.produce(Topics.FEEDBACK, c % 3, customer, complaint.toString(), Map.of());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> customers.stream().allMatch(customer ->
                painPoints(customer).getList("items.ruleId").contains("PP-MISUNDERSTANDING")));
        // every complaint's pain point is there and a gap was published: read to the topic's end for a second gap
        List<String> gaps = TestKafka.readAll(Topics.INSIGHTS, r -> r.key().equals("topic:" + topic), 1,
                Duration.ofSeconds(30)).stream().map(r -> TestKafka.header(r, "ce_type")).toList();
        assertThat(gaps).containsExactly("io.journeyline.journey.content-gap-detected");
        // every complaint is processed (its own pain point is there), so the gap pain points are final
        JsonPath gapPainPoints = io.restassured.RestAssured.given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/pain-points?rule=PP-CONTENT-GAP&topic=" + topic).then().statusCode(200).extract().jsonPath();
        assertThat(gapPainPoints.getList("items")).as("one gap, however the complaints were spread").hasSize(1);
        assertThat(gapPainPoints.getList("items[0].evidence")).hasSize(24);
    }

    private static JsonPath painPoints(String customer) {
        return io.restassured.RestAssured.given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/customers/" + customer + "/pain-points").then().statusCode(200).extract().jsonPath();
    }
}
