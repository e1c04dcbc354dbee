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
import org.junit.jupiter.api.Test;
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
 * Every default rule against real Kafka and PostgreSQL, with known answers written here from DOMAIN.md's table
 * ("Default pain-point rules": fires at its threshold with the evidence named, does not fire just past it) and
 * STORIES.md — not from the shipped rules' own {@code tests:}, which a wrong rule and a wrong test would agree on. The
 * events are sent onto the contract topics as other systems send them — newest first when they all fall within the
 * allowed lateness, so late events must count — then sent again, which must change nothing. A rule that fires on one
 * event must hold its cooldown when the same signal comes again. (PP-EDU-NO-EFFECT is about journey-service's own
 * pain-point events, which it does not consume from Kafka: ResolutionTest covers it end to end; PP-STALL is driven by
 * stages: JourneyViewTest.)
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DefaultRulesTest {
    private static final Duration ALLOWED_LATENESS = Duration.ofHours(6);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * Per rule of DOMAIN.md's table: events (time after the first, data; one customer unless named) and the pain
     * points expected, as the indices of their evidence. Thresholds are DOMAIN.md's defaults, each met exactly and
     * missed by the least step.
     */
    private static final Map<String, List<RuleTest>> KNOWN_ANSWERS = new LinkedHashMap<>();

    static {
        // NPS detractor: score <= 6 -> case
        known("PP-DETRACTOR", "NPS 6 fires; NPS 7 and a CSAT 1 do not", List.of(List.of(0)),
                event("{'surveyId':'s1','surveyKind':'NPS','responseId':'r1','scores':{'primary':6}}"),
                event("{'surveyId':'s1','surveyKind':'NPS','responseId':'r2','scores':{'primary':7}}"),
                event("{'surveyId':'s2','surveyKind':'CSAT','responseId':'r3','scores':{'primary':1}}"));
        // low CSAT: score <= 2 of 5 -> case
        known("PP-LOW-CSAT", "CSAT 2 fires; CSAT 3 and an NPS 1 do not", List.of(List.of(0)),
                event("{'surveyId':'s1','surveyKind':'CSAT','responseId':'r1','scores':{'primary':2}}"),
                event("{'surveyId':'s1','surveyKind':'CSAT','responseId':'r2','scores':{'primary':3}}"),
                event("{'surveyId':'s2','surveyKind':'NPS','responseId':'r3','scores':{'primary':1}}"));
        // high effort: CES <= 3 of 7 -> education on that touchpoint's topic
        known("PP-HIGH-EFFORT", "CES 3 fires; CES 4 does not", List.of(List.of(0)),
                event("{'surveyId':'s1','surveyKind':'CES','responseId':'r1','scores':{'primary':3},'touchpoint':'returns.portal'}"),
                event("{'surveyId':'s1','surveyKind':'CES','responseId':'r2','scores':{'primary':4}}"));
        // repeat contact: >= 2 contacts on the same topic in 7 days -> one case (single owner: a later one joins it)
        known("PP-REPEAT-CONTACT", "two contacts on one topic in 7 days, a third joins; another topic does not count",
                List.of(List.of(0, 1, 3)),
                event("{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'returns'}"),
                event("P2D", "{'channel':'chat','touchpoint':'chat','action':'contact','topic':'returns'}"),
                event("P3D", "{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'billing'}"),
                event("P4D", "{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'returns'}"));
        known("PP-REPEAT-CONTACT", "two contacts 8 days apart", List.of(),
                event("{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'returns'}"),
                event("P8D", "{'channel':'chat','touchpoint':'chat','action':'contact','topic':'returns'}"));
        // channel switch: self-service failed, then an assisted channel on the same topic within 24 h -> education
        known("PP-CHANNEL-SWITCH", "failed self-service, a call on the topic 20 minutes later", List.of(List.of(0, 1)),
                event("{'channel':'web','touchpoint':'returns.portal','action':'self_service','outcome':'failure','topic':'returns'}"),
                event("PT20M", "{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'returns'}"));
        known("PP-CHANNEL-SWITCH", "the call 25 hours later, or on another topic", List.of(),
                event("{'channel':'web','touchpoint':'returns.portal','action':'self_service','outcome':'failure','topic':'returns'}"),
                event("PT25H", "{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'returns'}"),
                event("PT1H", "{'channel':'phone','touchpoint':'hotline','action':'contact','topic':'billing'}"));
        // repeated errors: >= 3 on one touchpoint in 24 h -> education for that feature
        known("PP-REPEATED-ERRORS", "three errors within an hour", List.of(List.of(0, 1, 2)),
                event("{'channel':'app','touchpoint':'setup.wifi','action':'error'}"),
                event("PT20M", "{'channel':'app','touchpoint':'setup.wifi','action':'error'}"),
                event("PT50M", "{'channel':'app','touchpoint':'setup.wifi','action':'error'}"));
        known("PP-REPEATED-ERRORS", "three errors over 25 hours, or on two touchpoints", List.of(),
                event("{'channel':'app','touchpoint':'setup.wifi','action':'error'}"),
                event("PT12H", "{'channel':'app','touchpoint':'setup.wifi','action':'error'}"),
                event("PT25H", "{'channel':'app','touchpoint':'setup.wifi','action':'error'}"),
                event("PT25H", "{'channel':'app','touchpoint':'setup.tv','action':'error'}"));
        // new customer: no first successful use 7 days after purchase -> onboarding education
        known("PP-NEW-CUSTOMER", "a purchase with only a failed first use", List.of(List.of(0)),
                event("{'channel':'web','touchpoint':'checkout.payment','action':'purchase'}"),
                event("P2D", "{'channel':'app','touchpoint':'dashboard','action':'feature_use','outcome':'failure'}"));
        known("PP-NEW-CUSTOMER", "a successful first use on day 6", List.of(),
                event("{'channel':'web','touchpoint':'checkout.payment','action':'purchase'}"),
                event("P6D", "{'channel':'app','touchpoint':'dashboard','action':'feature_use','outcome':'success'}"));
        // misunderstanding: each complaint classified MISUNDERSTANDING -> targeted explainer
        known("PP-MISUNDERSTANDING", "a misunderstanding complaint fires; a billing one does not", List.of(List.of(0)),
                event("{'feedbackId':'f1','kind':'complaint','category':'MISUNDERSTANDING','channel':'phone','topic':'refund-policy'}"),
                event("{'feedbackId':'f2','kind':'complaint','category':'BILLING_FEES','channel':'phone','topic':'billing'}"));
        // content gap: >= 5 misunderstanding complaints on one topic in 7 days, across customers (STORIES.md story 3:
        // five customers) -> content-gap signal
        known("PP-CONTENT-GAP", "five customers within six days", List.of(List.of(0, 1, 2, 3, 4)),
                event("c1", null, complaint("f1", "phone")), event("c2", "P1D", complaint("f2", "chat")),
                event("c3", "P2D", complaint("f3", "web")), event("c4", "P4D", complaint("f4", "phone")),
                event("c5", "P6D", complaint("f5", "phone")));
        known("PP-CONTENT-GAP", "five complaints from four customers", List.of(),
                event("c1", null, complaint("f1", "phone")), event("c1", "P1D", complaint("f2", "chat")),
                event("c2", "P2D", complaint("f3", "web")), event("c3", "P4D", complaint("f4", "phone")),
                event("c4", "P6D", complaint("f5", "phone")));
        // negative sentiment: free text with sentiment <= -0.5 -> case, high priority
        known("PP-NEGATIVE-SENTIMENT", "-0.5 fires from feedback and from a survey comment; -0.4 does not",
                List.of(List.of(0), List.of(2)),
                event("{'feedbackId':'f1','kind':'complaint','category':'BILLING_FEES','channel':'phone','sentiment':-0.5}"),
                event("{'feedbackId':'f2','kind':'complaint','category':'BILLING_FEES','channel':'phone','sentiment':-0.4}"),
                new TestEvent("io.journeyline.survey.responded", null, null, data("{'surveyId':'s1','surveyKind':'NPS',"
                        + "'responseId':'r1','scores':{'primary':8},'comment':'awful','sentiment':-0.9}")));
        // SLA breach: each breached case clock
        known("PP-SLA-BREACH", "every breach", List.of(List.of(0)),
                event("{'caseId':'case-1','status':'RECEIVED','clock':'ACKNOWLEDGE','dueAt':'2026-01-05T13:00:00Z'}"));
        // long wait: a queue wait > 10 min -> self-service / call-back offered
        known("PP-LONG-WAIT", "a wait of 10 minutes and 1 ms fires; exactly 10 minutes does not", List.of(List.of(0)),
                event("{'channel':'phone','touchpoint':'hotline','action':'contact','waitMs':600001}"),
                event("{'channel':'phone','touchpoint':'hotline','action':'contact','waitMs':600000}"));
    }

    @Inject
    TimerPoller poller;

    static Stream<String> rulesWithKnownAnswers() {
        return KNOWN_ANSWERS.keySet().stream();
    }

    @Test
    void theShippedRulesAreDomainsTableAndEachHasKnownAnswersHereOrElsewhere() {
        List<String> domainTable = List.of("PP-DETRACTOR", "PP-LOW-CSAT", "PP-HIGH-EFFORT", "PP-REPEAT-CONTACT",
                "PP-CHANNEL-SWITCH", "PP-REPEATED-ERRORS", "PP-NEW-CUSTOMER", "PP-STALL", "PP-MISUNDERSTANDING",
                "PP-CONTENT-GAP", "PP-NEGATIVE-SENTIMENT", "PP-SLA-BREACH", "PP-LONG-WAIT", "PP-EDU-NO-EFFECT");
        assertThat(RuleSetValidator.defaults().ruleSet().rules()).extracting(Rule::id)
                .containsExactlyInAnyOrderElementsOf(domainTable);
        List<String> covered = new ArrayList<>(KNOWN_ANSWERS.keySet());
        covered.addAll(List.of("PP-STALL", "PP-EDU-NO-EFFECT"));          // JourneyViewTest, ResolutionTest
        assertThat(covered).containsExactlyInAnyOrderElementsOf(domainTable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rulesWithKnownAnswers")
    void firesOnItsKnownAnswersOnlyAndAReplayChangesNothing(String ruleId) throws Throwable {
        Rule rule = RuleSetValidator.defaults().ruleSet().rules().stream().filter(r -> r.id().equals(ruleId))
                .findFirst().orElseThrow(() -> new AssertionError("no default rule " + ruleId));
        for (RuleTest test : KNOWN_ANSWERS.get(ruleId)) {
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

    private static void known(String ruleId, String name, List<List<Integer>> expect, TestEvent... events) {
        KNOWN_ANSWERS.computeIfAbsent(ruleId, id -> new ArrayList<>()).add(new RuleTest(name, List.of(events), expect));
    }

    /** An event of the rule's first type, at the start, of the one customer. */
    private static TestEvent event(String data) {
        return event(null, null, data);
    }

    private static TestEvent event(String after, String data) {
        return event(null, after, data);
    }

    private static TestEvent event(String customer, String after, String data) {
        return new TestEvent(null, after == null ? null : Duration.parse(after), customer, data(data));
    }

    /** JSON written with single quotes, for legibility here. */
    private static ObjectNode data(String json) {
        return (ObjectNode) TestJson.read(json.replace('\'', '"'));
    }

    private static String complaint(String feedbackId, String channel) {
        return "{'feedbackId':'" + feedbackId + "','kind':'complaint','category':'MISUNDERSTANDING','channel':'" + channel
                + "','topic':'refund-policy'}";
    }

    private static Duration after(TestEvent event) {
        return event.after() == null ? Duration.ZERO : event.after();
    }
}
