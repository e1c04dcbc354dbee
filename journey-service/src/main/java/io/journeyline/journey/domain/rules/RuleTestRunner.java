package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventSchemas;
import io.journeyline.contract.EventType;
import io.journeyline.contract.Violation;
import io.journeyline.journey.domain.rules.CompiledRuleSet.Match;
import io.journeyline.journey.domain.rules.RulePatterns.Anchor;
import io.journeyline.journey.domain.rules.RulePatterns.Firing;
import io.journeyline.journey.domain.rules.RulePatterns.Step;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleSetDocument.RuleTest;
import io.journeyline.journey.domain.rules.RuleSetDocument.TestEvent;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the {@code tests} a rule carries — events in, expected pain points out — through the same matching and
 * patterns live evaluation uses, in memory, with the rule alone. Test events must be valid contract
 * events (their data is checked against the event schemas). An absence anchor's timer counts as due at the end of
 * the test. This is also the shape of a replay of stored history: events in event-time order, a virtual clock. A
 * test event on which a condition stops at its iteration limit is a problem of its own: the rule would not match such
 * an event live either.
 */
public final class RuleTestRunner {
    private static final EventSchemas SCHEMAS = EventSchemas.load();
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final String CUSTOMER = "rule-test-customer";

    private RuleTestRunner() {
    }

    /**
     * Every failed expectation of every test of every rule of a valid set, whatever the rule's status (a DRAFT is
     * where tests matter most); empty when all pass.
     */
    public static List<RuleProblem> run(RuleSetValidator.Result validated, Duration lateness) {
        CompiledRuleSet ruleSet = CompiledRuleSet.forTests(validated);
        List<RuleProblem> problems = new ArrayList<>();
        List<Rule> rules = ruleSet.document().rules();
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            if (rule.tests() == null) {
                continue;
            }
            for (int t = 0; t < rule.tests().size(); t++) {
                problems.addAll(run(ruleSet, rule, rule.tests().get(t), "rules[" + r + "].tests[" + t + "]", lateness));
            }
        }
        return problems;
    }

    private static List<RuleProblem> run(CompiledRuleSet ruleSet, Rule rule, RuleTest test, String at, Duration lateness) {
        List<RuleProblem> problems = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        for (int e = 0; e < test.events().size(); e++) {
            TestEvent testEvent = test.events().get(e);
            String type = testEvent.type() != null ? testEvent.type() : firstType(rule);
            ObjectNode data = testEvent.data() == null ? JsonNodeFactory.instance.objectNode() : testEvent.data().deepCopy();
            String customer = testEvent.customer() != null ? testEvent.customer() : CUSTOMER;
            data.put("customerId", customer);
            OffsetDateTime time = START.plus(testEvent.after() == null ? Duration.ZERO : testEvent.after())
                    .atOffset(ZoneOffset.UTC);
            ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("specversion", "1.0").put("id", "event-" + e)
                    .put("source", "/rule-test").put("type", type).put("time", time.toInstant().toString()).put("subject", customer);
            envelope.set("data", data);
            for (Violation violation : SCHEMAS.validate(envelope)) {
                problems.add(new RuleProblem(at + ".events[" + e + "]." + violation.field(), violation.message()));
            }
            if (EventType.fromType(type).isPresent()) {
                events.add(new IncomingEvent("event-" + e, "/rule-test", EventType.fromType(type).get(), time, customer,
                        data, Map.of()));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        List<String> stopped = new ArrayList<>();
        List<List<Integer>> actual = fire(ruleSet, rule, events, lateness, stopped);
        for (String eventId : stopped) {
            problems.add(new RuleProblem(at + ".events[" + eventId.substring("event-".length()) + "]", "the condition "
                    + "stopped at its limit of " + limit(ruleSet) + " comprehension iterations "
                    + "(journeyline.rules.condition-max-iterations) on this event, so it does not match it"));
        }
        List<List<Integer>> expected = test.expect().stream().map(group -> group.stream().sorted().toList())
                .sorted(RuleTestRunner::compare).toList();
        if (!actual.equals(expected)) {
            problems.add(new RuleProblem(at, "'" + test.name() + "': expected pain points with evidence " + expected
                    + " (event indexes), got " + actual));
        }
        return problems;
    }

    /** Evidence (event indexes) of each pain point the rule gives for these events, delivered in the listed order. */
    private static List<List<Integer>> fire(CompiledRuleSet ruleSet, Rule rule, List<IncomingEvent> events,
                                            Duration lateness, List<String> stopped) {
        Map<String, RuleState> states = new TreeMap<>();
        Map<String, TreeSet<Integer>> painPoints = new TreeMap<>();
        List<String[]> anchors = new ArrayList<>();
        for (IncomingEvent event : events) {
            for (Match match : ruleSet.matches(event, (r, role) -> {
                if (r.id().equals(rule.id()) && !stopped.contains(event.id())) {
                    stopped.add(event.id());
                }
            })) {
                if (!match.rule().id().equals(rule.id())) {
                    continue;
                }
                Mark mark = new Mark(match.role(), event.time().toInstant(), event.id(), event.customerId(),
                        event.dataText("topic"), event.dataText("touchpoint"), RuleState.PENDING);
                String state = (rule.aggregate() != null ? "*" : event.customerId()) + "|" + match.key();
                if (!RulePatterns.stateful(rule)) {
                    if (match.role() == CompiledRuleSet.Role.TRIGGER) {
                        add(painPoints, event.id(), RulePatterns.single(mark));
                    }
                    continue;
                }
                Step step = RulePatterns.apply(rule, states.getOrDefault(state, RuleState.empty()), List.of(mark), lateness);
                states.put(state, step.state());
                step.firings().forEach(firing -> add(painPoints, state + "#" + firing.episode(), firing));
                for (Anchor anchor : step.absenceAnchors()) {
                    anchors.add(new String[]{state, anchor.mark().eventId()});
                }
            }
        }
        for (String[] anchor : anchors) {
            Step step = RulePatterns.absenceDue(states.get(anchor[0]), anchor[1]);
            states.put(anchor[0], step.state());
            step.firings().forEach(firing -> add(painPoints, anchor[0] + "#" + firing.episode(), firing));
        }
        return painPoints.values().stream().map(indexes -> List.copyOf(indexes)).sorted(RuleTestRunner::compare).toList();
    }

    private static int limit(CompiledRuleSet ruleSet) {
        return ruleSet.conditions().stream().mapToInt(RuleCondition::maxIterations).max()
                .orElse(RuleCondition.DEFAULT_MAX_ITERATIONS);
    }

    private static void add(Map<String, TreeSet<Integer>> painPoints, String id, Firing firing) {
        TreeSet<Integer> indexes = painPoints.computeIfAbsent(id, k -> new TreeSet<>());
        firing.evidence().forEach(mark -> indexes.add(Integer.parseInt(mark.eventId().substring("event-".length()))));
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static String firstType(Rule rule) {
        return rule.on() != null ? rule.on().types().get(0) : "io.journeyline.touchpoint.recorded";
    }
}
