package io.journeyline.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventType;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleSetDocument.RuleTest;
import io.journeyline.journey.domain.rules.RuleSetDocument.TestEvent;
import io.journeyline.journey.domain.rules.RuleSetValidator;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default rule against real Kafka and PostgreSQL, with the known answers its own tests carry (DOMAIN.md's
 * thresholds: fires with the evidence named, does not fire just below): the tests' events are sent onto the contract
 * topics as other systems send them — newest first when they all fall within the allowed lateness, so late events
 * must count — then sent again, which must change nothing. A rule that fires on one event must hold its cooldown
 * when the same signal comes again. (PP-EDU-NO-EFFECT's tests use journey-service's own pain-point events, which it
 * does not consume from Kafka: ResolutionTest covers it end to end; PP-STALL is driven by stages: JourneyViewTest.)
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DefaultRulesTest {
    private static final Duration ALLOWED_LATENESS = Duration.ofHours(6);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    TimerPoller poller;

    static Stream<String> rulesWithTests() {
        return RuleSetValidator.defaults().ruleSet().rules().stream()
                .filter(rule -> rule.tests() != null)
                .filter(rule -> rule.tests().stream().flatMap(test -> test.events().stream())
                        .allMatch(event -> event.type() == null || consumed(event.type())))
                .map(Rule::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesWithTests")
    void firesOnItsKnownAnswersOnlyAndAReplayChangesNothing(String ruleId) throws Throwable {
        Rule rule = RuleSetValidator.defaults().ruleSet().rules().stream().filter(r -> r.id().equals(ruleId))
                .findFirst().orElseThrow();
        for (RuleTest test : rule.tests()) {
            Run run = new Run(rule, test);
            boolean withinAllowance = test.events().stream().map(DefaultRulesTest::after).max(Duration::compareTo)
                    .orElseThrow().compareTo(ALLOWED_LATENESS) < 0;
            List<ObjectNode> sending = new ArrayList<>(run.events);
            if (withinAllowance) {
                Collections.reverse(sending);
            }
            sending.forEach(run::send);
            run.awaitProcessed(sending);

            List<Set<String>> found = run.evidenceOfPainPoints();
            assertThat(found).as("%s '%s' (sent %s)", ruleId, test.name(), withinAllowance ? "newest first" : "in order")
                    .containsExactlyInAnyOrderElementsOf(run.expectedEvidence());
            List<Map<String, Object>> interventions = run.interventions();

            run.events.forEach(run::send);
            run.awaitProcessed(run.sentinels());
            assertThat(run.evidenceOfPainPoints()).as("%s '%s' replayed", ruleId, test.name())
                    .containsExactlyInAnyOrderElementsOf(found);
            assertThat(run.interventions()).as("%s '%s' replayed", ruleId, test.name()).isEqualTo(interventions);

            if (rule.count() == null && rule.sequence() == null && rule.absence() == null && rule.aggregate() == null
                    && rule.action().type() != io.journeyline.journey.domain.rules.RuleSetDocument.ActionType.NONE
                    && !test.expect().isEmpty()) {
                int first = test.expect().get(0).get(0);
                ObjectNode again = run.copyOf(first, Duration.ofHours(1));
                run.send(again);
                run.awaitProcessed(List.of(again));
                List<Map<String, Object>> after = new ArrayList<>(run.interventions());
                after.removeAll(interventions);
                assertThat(after).as("%s: the same signal an hour later", ruleId).singleElement()
                        .satisfies(intervention -> assertThat(intervention).containsEntry("suppressedBy", "cooldown"));
            }
        }
    }

    /** One rule test played through the real system with fresh customers and a topic of its own. */
    private final class Run {
        final Rule rule;
        final RuleTest test;
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final Map<String, String> customers = new LinkedHashMap<>();
        final List<ObjectNode> events = new ArrayList<>();
        final OffsetDateTime start = OffsetDateTime.now().minusDays(20).truncatedTo(ChronoUnit.SECONDS);

        Run(Rule rule, RuleTest test) {
            this.rule = rule;
            this.test = test;
            for (TestEvent event : test.events()) {
                String customer = customers.computeIfAbsent(event.customer() == null ? "" : event.customer(),
                        name -> JourneyApi.newCustomer());
                ObjectNode data = event.data().deepCopy();
                data.put("customerId", customer);
                if (data.hasNonNull("topic")) {
                    data.put("topic", data.get("topic").asText() + "-" + suffix);
                }
                String type = event.type() != null ? event.type() : rule.on().types().get(0);
                events.add(TestEvents.envelope(type, "/rule-test", customer, start.plus(after(event)), data));
            }
        }

        void send(ObjectNode event) {
            String topic = EventType.fromType(event.get("type").asText()).orElseThrow().topic();
            String customer = event.get("subject").asText();
            TestKafka.produce(topic, customer, event.toString(), Map.of("content-type", "application/cloudevents+json"));
        }

        /** Every event in its customer's timeline (rules run in the same transaction); due absence timers fired. */
        void awaitProcessed(List<ObjectNode> sent) throws Throwable {
            for (ObjectNode event : sent) {
                JourneyApi.awaitInTimeline(event.get("subject").asText(), event.get("id").asText());
            }
            if (rule.absence() != null) {
                VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
            }
        }

        /**
         * A neutral event per (customer, topic) of the test, at its latest time: once it is in the timeline,
         * everything sent before it on that partition was processed.
         */
        List<ObjectNode> sentinels() {
            OffsetDateTime latest = events.stream().map(event -> OffsetDateTime.parse(event.get("time").asText()))
                    .max(OffsetDateTime::compareTo).orElseThrow();
            Set<String> seen = new LinkedHashSet<>();
            List<ObjectNode> sentinels = new ArrayList<>();
            for (ObjectNode event : events) {
                String customer = event.get("subject").asText();
                String topic = EventType.fromType(event.get("type").asText()).orElseThrow().topic();
                if (seen.add(customer + "|" + topic)) {
                    sentinels.add(neutral(topic, customer, latest));
                }
            }
            sentinels.forEach(this::send);
            return sentinels;
        }

        private ObjectNode neutral(String topic, String customer, OffsetDateTime at) {
            ObjectNode data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("customerId", customer);
            return switch (topic) {
                case "journey.touchpoints" -> TestEvents.touchpoint(customer, "web", "sentinel", "visit", at);
                case "journey.feedback" -> TestEvents.envelope("io.journeyline.feedback.received", "/rule-test", customer, at,
                        data.put("feedbackId", UUID.randomUUID().toString()).put("kind", "question")
                                .put("category", "OTHER").put("channel", "web"));
                default -> TestEvents.envelope("io.journeyline.education.started", "/rule-test", customer, at,
                        data.put("assignmentId", UUID.randomUUID().toString()).put("contentId", "sentinel")
                                .put("reason", "sentinel"));
            };
        }

        /** Event {@code index} again under a new id, {@code later} after it. */
        ObjectNode copyOf(int index, Duration later) {
            ObjectNode copy = events.get(index).deepCopy();
            copy.put("id", UUID.randomUUID().toString());
            copy.put("time", OffsetDateTime.parse(copy.get("time").asText()).plus(later).toInstant().toString());
            return copy;
        }

        List<Set<String>> expectedEvidence() {
            List<Set<String>> expected = new ArrayList<>();
            for (List<Integer> painPoint : test.expect()) {
                Set<String> ids = new LinkedHashSet<>();
                painPoint.forEach(index -> ids.add(events.get(index).get("id").asText()));
                expected.add(ids);
            }
            return expected;
        }

        List<Set<String>> evidenceOfPainPoints() {
            List<Set<String>> found = new ArrayList<>();
            for (JsonNode painPoint : painPoints()) {
                Set<String> ids = new HashSet<>();
                painPoint.get("evidence").forEach(id -> ids.add(id.asText()));
                found.add(ids);
            }
            return found;
        }

        List<Map<String, Object>> interventions() {
            List<Map<String, Object>> all = new ArrayList<>();
            for (String customer : customers.values()) {
                JsonPath journey = given().header("Authorization", JourneyApi.AGENT)
                        .get("/api/v1/customers/" + customer + "/journey").then().statusCode(200).extract().jsonPath();
                all.addAll(journey.getList("interventions.sent"));
                all.addAll(journey.getList("interventions.suppressed"));
            }
            all.removeIf(intervention -> !rule.id().equals(intervention.get("ruleId")));
            return all;
        }

        private List<JsonNode> painPoints() {
            List<JsonNode> found = new ArrayList<>();
            if (rule.aggregate() != null) {
                JsonPath page = given().header("Authorization", JourneyApi.AGENT).get("/api/v1/pain-points?rule="
                        + rule.id() + "&limit=200").then().statusCode(200).extract().jsonPath();
                JsonNode items = TestJson.read(page.prettify()).get("items");
                items.forEach(item -> {
                    if (item.path("topic").asText().endsWith(suffix)) {
                        found.add(item);
                    }
                });
                return found;
            }
            for (String customer : customers.values()) {
                JsonNode items = TestJson.read(given().header("Authorization", JourneyApi.AGENT)
                        .get("/api/v1/customers/" + customer + "/pain-points?limit=200").then().statusCode(200)
                        .extract().asString()).get("items");
                items.forEach(item -> {
                    if (rule.id().equals(item.get("ruleId").asText())) {
                        found.add(item);
                    }
                });
            }
            return found;
        }
    }

    private static Duration after(TestEvent event) {
        return event.after() == null ? Duration.ZERO : event.after();
    }

    private static boolean consumed(String type) {
        String topic = EventType.fromType(type).orElseThrow().topic();
        return topic.equals("journey.touchpoints") || topic.equals("journey.feedback") || topic.equals("journey.education");
    }
}
