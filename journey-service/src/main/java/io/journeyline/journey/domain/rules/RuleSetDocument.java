package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.Severity;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.contract.vocabulary.SurveyKind;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A rule set as an admin writes it (YAML or JSON; {@code rules/rule-set.schema.json} is its schema and
 * {@code rules/default-rules.yaml} the shipped example). A rule names the events that trigger it ({@code on}: types,
 * equality filters on data fields, and a CEL condition), how matches group ({@code key}), at most one pattern
 * ({@code count}, {@code sequence}, {@code absence}, {@code stall}, {@code aggregate}; none means every match
 * fires), and the intervention it asks for ({@code action}).
 */
public record RuleSetDocument(List<Rule> rules) {

    /** Lifecycle of a rule: SHADOW rules are evaluated and their candidates stored, but nothing is emitted. */
    public enum Status { DRAFT, SHADOW, ACTIVE, RETIRED }

    /** What a firing asks for; NONE records the pain point only. */
    public enum ActionType { EDUCATION, CASE, SURVEY, CONTENT_GAP, NONE }

    public record Rule(String id, int version, Status status, String description, Severity severity,
                       Map<String, Object> params, Trigger on, List<String> key, Count count, Sequence sequence,
                       Absence absence, Stall stall, Aggregate aggregate, Duration cooldown, Action action,
                       List<RuleTest> tests) {

        /** The params, never null. */
        public Map<String, Object> paramsOrEmpty() {
            return params == null ? Map.of() : params;
        }
    }

    /** Which events match: any of {@code types}, every {@code where} field equal, and {@code condition} true. */
    public record Trigger(List<String> types, Map<String, Object> where, String condition) {
    }

    public record Count(int atLeast, Duration within) {
    }

    public record Sequence(Trigger then, Duration within) {
    }

    public record Absence(Trigger expected, Duration within) {
    }

    public record Stall(Map<Stage, Duration> stages) {
    }

    public record Aggregate(List<String> key, int atLeast, Duration within) {
    }

    /**
     * A rule's own test: events in (each {@code after} the test's start, of the rule's first trigger
     * type unless named), the pain points expected out, each as the indexes of its evidence events; no lists = must
     * not fire.
     */
    public record RuleTest(String name, List<TestEvent> events, List<List<Integer>> expect) {
    }

    /** One event of a rule test; {@code customer} tells customers apart (aggregate rules count them). */
    public record TestEvent(String type, Duration after, String customer, ObjectNode data) {
    }

    public record Action(ActionType type, Priority priority, SurveyKind surveyKind, String level, String topicFrom) {
    }
}
