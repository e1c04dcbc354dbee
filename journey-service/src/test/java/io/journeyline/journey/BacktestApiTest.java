package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An admin backtests a changed rule over the customers already in the system: the live rule (three errors on one
 * touchpoint within a day) and a candidate with a threshold of two differ by exactly the customers who had two errors,
 * the cap of three interventions a week shows in the counts, and nothing a customer or another service sees changes.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BacktestApiTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-09-14T09:00:00Z");
    private static final String THRESHOLD_TWO = """
            {"id": "PP-REPEATED-ERRORS", "version": 2, "status": "ACTIVE", "severity": "NORMAL",
             "description": "Two errors on one touchpoint within 24 hours.",
             "on": {"types": ["io.journeyline.touchpoint.recorded"], "where": {"action": "error"}},
             "key": ["touchpoint"], "count": {"atLeast": 2, "within": "PT24H"},
             "action": {"type": "EDUCATION", "topicFrom": "touchpoint", "level": "PROBLEM_SOLVING"}}""";

    @Test
    void aLowerThresholdNamesExactlyTheCustomersItAddsAndChangesNothingLive() {
        Customer three = new Customer(T0);      // fires live and in the backtest
        Customer two = new Customer(T0);        // fires only with the candidate
        Customer many = new Customer(T0);       // two errors on each of four touchpoints: four lessons asked, cap of 3
        Customer one = new Customer(T0);        // fires in neither
        List<ObjectNode> last = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            last.add(three.touchpoint(i, "app", "setup.wifi", "error", Map.of()));
        }
        for (int i = 0; i < 2; i++) {
            last.add(two.touchpoint(i, "app", "setup.wifi", "error", Map.of()));
        }
        for (String touchpoint : List.of("setup.wifi", "setup.tv", "billing.page", "app.login")) {
            for (int i = 0; i < 2; i++) {
                last.add(many.touchpoint(10 * last.size(), "app", touchpoint, "error", Map.of()));
            }
        }
        last.add(one.touchpoint(0, "app", "setup.wifi", "error", Map.of()));
        three.awaitPainPoint("PP-REPEATED-ERRORS");
        for (Customer customer : List.of(two, many, one)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> last.stream().filter(e -> e.get("subject").asText()
                    .equals(customer.id)).allMatch(e -> JourneyApi.timelineIds(customer.id)
                    .contains(e.get("id").asText())));
        }
        List<String> customers = List.of(three.id, two.id, many.id, one.id);
        // what the live rules asked for is published through the outbox: wait until it is out
        await().atMost(Duration.ofSeconds(20)).until(() -> rowsOf(customers).values().stream().flatMap(List::stream)
                .noneMatch(table -> table.startsWith("outbox_events")));
        Map<String, List<String>> rowsBefore = rowsOf(customers);
        Map<String, Long> publishedBefore = published(customers);

        JsonPath done = backtest(Map.of("rule", json(THRESHOLD_TWO), "from", T0.minusHours(1).toString(),
                "to", T0.plusDays(1).toString(), "customers", customers));

        JsonPath rule = rule(done, "PP-REPEATED-ERRORS");
        assertThat(rule.getInt("version")).isEqualTo(2);
        assertThat(rule.getInt("painPoints.count")).as("three 1, two 1, many 4").isEqualTo(6);
        assertThat(rule.getInt("painPoints.customers")).isEqualTo(3);
        assertThat(rule.getInt("comparedWithRecorded.same")).as("the live pain point of 'three'").isEqualTo(1);
        assertThat(rule.getInt("comparedWithRecorded.new")).isEqualTo(5);
        assertThat(rule.getInt("comparedWithRecorded.gone")).isZero();
        assertThat(rule.getList("comparedWithRecorded.newExamples.customerId", String.class))
                .containsOnly(two.id, many.id).contains(two.id, many.id);
        assertThat(rule.getInt("interventions.asked")).isEqualTo(6);
        assertThat(rule.getInt("interventions.sent")).isEqualTo(5);
        assertThat(rule.getMap("interventions.suppressedBy")).isEqualTo(Map.of("cap", 1));
        assertThat(rule.getList("painPoints.examples.evidence.eventId").toString()).contains(last.get(0).get("id").asText());
        assertThat(done.getList("result.cannotKnow", String.class)).anySatisfy(line -> assertThat(line).startsWith("hold-out"));
        assertThat(done.getLong("progress.eventsReplayed")).isEqualTo(done.getLong("progress.eventsTotal"));

        assertThat(rowsOf(customers)).as("rows holding the customers, per table").isEqualTo(rowsBefore);
        assertThat(published(customers)).as("records about the customers on the outgoing topics").isEqualTo(publishedBefore);
    }

    /**
     * The same code as live: one customer's events fire five default rules of three kinds (single events, a count, a
     * repeat within a window) live; the active set's backtest finds each of those pain points and nothing else, and
     * decides their interventions as live did, the cap included.
     */
    @Test
    void theActiveRulesFindAndDecideWhatWasRecorded() {
        Customer d = new Customer(T0.plusDays(3));
        d.survey(1, "NPS", 2);                                                            // PP-DETRACTOR
        d.survey(2, "CSAT", 1);                                                           // PP-LOW-CSAT
        d.touchpoint(3, "phone", "hotline", "contact", Map.of("topic", "billing"));
        d.touchpoint(4, "chat", "chat", "contact", Map.of("topic", "billing"));           // PP-REPEAT-CONTACT
        for (int i = 0; i < 3; i++) {
            d.touchpoint(5 + i, "app", "setup.tv", "error", Map.of());                    // PP-REPEATED-ERRORS
        }
        d.touchpoint(9, "web", "checkout.queue", "wait", Map.of("waitMs", 900_000));      // PP-LONG-WAIT
        List<String> fired = List.of("PP-DETRACTOR", "PP-LOW-CSAT", "PP-REPEAT-CONTACT", "PP-REPEATED-ERRORS",
                "PP-LONG-WAIT");
        await().atMost(Duration.ofSeconds(20)).until(() -> d.painPoints(false).getList("items.ruleId", String.class),
                rules -> rules.containsAll(fired));
        JsonPath live = given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + d.id + "/journey")
                .then().statusCode(200).extract().jsonPath();

        JsonPath done = backtest(Map.of("from", T0.plusDays(3).minusHours(1).toString(),
                "to", T0.plusDays(4).toString(), "customers", List.of(d.id)));

        List<Map<String, Object>> rules = done.getList("result.rules");
        for (Map<String, Object> rule : rules) {
            Map<?, ?> compared = (Map<?, ?>) rule.get("comparedWithRecorded");
            assertThat(compared.get("new")).as("new pain points of %s", rule.get("ruleId")).isEqualTo(0);
            assertThat(compared.get("gone")).as("gone pain points of %s", rule.get("ruleId")).isEqualTo(0);
        }
        for (String ruleId : fired) {
            assertThat(rule(done, ruleId).getInt("comparedWithRecorded.same")).as(ruleId).isEqualTo(1);
        }
        int sent = rules.stream().mapToInt(rule -> (Integer) ((Map<?, ?>) rule.get("interventions")).get("sent")).sum();
        assertThat(sent).as("interventions sent").isEqualTo(live.getList("interventions.sent").size());
        Map<String, Integer> suppressed = new HashMap<>();
        rules.forEach(rule -> ((Map<?, ?>) ((Map<?, ?>) rule.get("interventions")).get("suppressedBy"))
                .forEach((guard, n) -> suppressed.merge((String) guard, (Integer) n, Integer::sum)));
        Map<String, Integer> suppressedLive = new HashMap<>();
        live.getList("interventions.suppressed.suppressedBy", String.class)
                .forEach(guard -> suppressedLive.merge(guard, 1, Integer::sum));
        assertThat(suppressed).as("suppressed, by guard").isEqualTo(suppressedLive).containsKey("cap");
    }

    @Test
    void aBigBacktestCanBeCancelled() {
        Customer busy = new Customer(T0.plusDays(10));
        List<Map.Entry<String, String>> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            events.add(Map.entry(busy.id, TestEvents.touchpoint(busy.id, "web", "home", "view",
                    T0.plusDays(10).plusMinutes(i)).toString()));
        }
        TestKafka.produceAll(Topics.TOUCHPOINTS, events);
        String newest = io.restassured.path.json.JsonPath.from(events.get(599).getValue()).getString("id");
        JourneyApi.awaitInTimeline(busy.id, newest);

        String id = start(Map.of("from", T0.plusDays(10).minusHours(1).toString(), "to", T0.plusDays(11).toString()))
                .getString("id");
        given().header("Authorization", JourneyApi.ADMIN).post("/api/v1/rules/backtests/" + id + "/cancel").then()
                .statusCode(202);

        JsonPath cancelled = await().atMost(Duration.ofSeconds(20)).until(() -> status(id),
                status -> !"RUNNING".equals(status.getString("status")));
        assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
        assertThat(cancelled.getLong("progress.eventsReplayed")).isLessThan(cancelled.getLong("progress.eventsTotal"));
        assertThat(cancelled.getMap("result")).isNull();
    }

    @Test
    void badRequestsNameEveryBadFieldAndOnlyAnAdminMayBacktest() {
        JsonPath problem = given().header("Authorization", JourneyApi.ADMIN).contentType("application/json")
                .body(Map.of("from", "2026-10-02T00:00:00Z", "to", "2026-10-01T00:00:00Z", "document", "rules: []",
                        "rule", Map.of("id", "X"), "customers", List.of()))
                .post("/api/v1/rules/backtests").then().statusCode(400).contentType("application/problem+json")
                .extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).containsExactlyInAnyOrder("from", "rule", "customers");

        given().header("Authorization", JourneyApi.ADMIN).contentType("application/json")
                .body(Map.of("rule", Map.of("id", "PP-REPEATED-ERRORS", "version", 2, "status", "ACTIVE")))
                .post("/api/v1/rules/backtests").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("rule.")));

        given().header("Authorization", JourneyApi.AGENT).contentType("application/json").body("{}")
                .post("/api/v1/rules/backtests").then().statusCode(403);
        given().contentType("application/json").body("{}").post("/api/v1/rules/backtests").then().statusCode(401);
        given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules/backtests/no-such-backtest").then()
                .statusCode(404);
    }

    @Test
    void anActivationRecordsTheBacktestTheAdminLookedAt() {
        String rules = given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules").then().statusCode(200)
                .extract().jsonPath().getString("document");
        given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(rules.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/v1/rules?backtest=no-such-backtest").then().statusCode(400)
                .body("errors[0].field", equalTo("backtest"));

        JsonPath done = backtest(Map.of("from", T0.minusDays(1).toString(), "to", T0.toString(),
                "customers", List.of("nobody-" + System.nanoTime())));
        // the status gives back the document it replayed (here the active one): what the admin then activates
        assertThat(done.getString("document")).isEqualTo(rules);
        String id = done.getString("id");
        int version = given().header("Authorization", JourneyApi.ADMIN).contentType("application/yaml").body(rules.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("/api/v1/rules?backtest=" + id).then().statusCode(200).body("backtest", equalTo(id))
                .extract().jsonPath().getInt("version");
        given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules").then().statusCode(200)
                .body("version", equalTo(version)).body("backtest", equalTo(id));
    }

    private static JsonPath start(Map<String, Object> body) {
        return given().header("Authorization", JourneyApi.ADMIN).contentType("application/json").body(body)
                .post("/api/v1/rules/backtests").then().statusCode(202).body("status", equalTo("RUNNING"))
                .extract().jsonPath();
    }

    private static JsonPath status(String id) {
        return given().header("Authorization", JourneyApi.ADMIN).get("/api/v1/rules/backtests/" + id).then()
                .statusCode(200).extract().jsonPath();
    }

    /** Starts a backtest and waits for its report. */
    private static JsonPath backtest(Map<String, Object> body) {
        String id = start(body).getString("id");
        JsonPath done = await().atMost(Duration.ofSeconds(30)).until(() -> status(id),
                status -> !"RUNNING".equals(status.getString("status")));
        assertThat(done.getString("status")).as("failure: %s", done.getString("failure")).isEqualTo("DONE");
        return done;
    }

    private static JsonPath rule(JsonPath done, String ruleId) {
        int index = done.getList("result.rules.ruleId", String.class).indexOf(ruleId);
        assertThat(index).as("%s in %s", ruleId, done.getList("result.rules.ruleId")).isNotNegative();
        return new JsonPath(done.prettify()).setRootPath("result.rules[" + index + "]");
    }

    private static Object json(String text) {
        return io.restassured.path.json.JsonPath.from(text).getMap("");
    }

    /** Per customer, the tables holding it and how many rows (but the backtests' own). */
    private static Map<String, List<String>> rowsOf(List<String> customers) {
        Map<String, List<String>> rows = new HashMap<>();
        DatabaseScan scan = DatabaseScan.ofThisTest();
        customers.forEach(customer -> rows.put(customer, scan.tablesHolding(customer).stream()
                .filter(table -> !table.startsWith("rule_backtests")).toList()));
        return rows;
    }

    /** Records keyed by these customers on the topics journey-service publishes to, up to their end now. */
    private static Map<String, Long> published(List<String> customers) {
        Set<String> keys = Set.copyOf(customers);
        Map<String, Long> counts = new HashMap<>();
        for (String topic : List.of(Topics.INTERVENTIONS, Topics.INSIGHTS, Topics.OUTBOUND)) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long count = 0;
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (var record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null && keys.contains(record.key())
                                && record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
                            count++;
                        }
                    }
                }
                counts.put(topic, count);
            }
        }
        return counts;
    }
}
