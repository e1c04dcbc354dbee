package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import io.journeyline.contract.EventType;
import io.journeyline.contract.JsonSchemas;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleSetDocument.Trigger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a rule set (YAML, or JSON, which is YAML too) and names every problem in it: the document against
 * {@code rules/rule-set.schema.json}, then what a schema cannot say — unique ids, known event types, one pattern
 * per rule, a trigger for every pattern but a stall, what each action needs — and every CEL condition compiled.
 * A valid set comes back with its conditions compiled, ready to evaluate. Pure: no Quarkus, no database.
 */
public final class RuleSetValidator {
    /** The rule set journey-service ships (DOMAIN.md's default rules). */
    public static final String DEFAULT_RULES = "rules/default-rules.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    private static final JsonSchema SCHEMA = JsonSchemas.load("classpath:rules/rule-set.schema.json");

    private RuleSetValidator() {
    }

    /**
     * The outcome of a validation.
     *
     * @param ruleSet    the rule set, or null when there are problems
     * @param conditions every compiled condition by its place in the document ({@code rules[0].on.condition})
     * @param problems   every problem found; empty when the set is valid
     */
    public record Result(RuleSetDocument ruleSet, Map<String, RuleCondition> conditions, List<RuleProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** {@link #validate(String, int)} with {@link RuleCondition#DEFAULT_MAX_ITERATIONS}. */
    public static Result validate(String text) {
        return validate(text, RuleCondition.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Every problem of {@code text}; when there is none, the set with its conditions compiled to evaluate with at most
     * {@code maxIterations} comprehension iterations each.
     */
    public static Result validate(String text, int maxIterations) {
        JsonNode document;
        try {
            document = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            return invalid(List.of(new RuleProblem("(document)", "not valid YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()))));
        }
        if (document == null || document.isMissingNode()) {
            return invalid(List.of(new RuleProblem("(document)", "empty")));
        }
        List<RuleProblem> problems = new ArrayList<>(JsonSchemas.validate(SCHEMA, document, "").stream()
                .map(v -> new RuleProblem(v.field().equals("(event)") ? "(document)" : v.field(), v.message())).toList());
        if (!problems.isEmpty()) {
            problems.addAll(conditionProblems(document));
            return invalid(problems);
        }
        RuleSetDocument ruleSet;
        try {
            ruleSet = YAML.treeToValue(document, RuleSetDocument.class);
        } catch (JsonProcessingException e) {
            return invalid(List.of(new RuleProblem("(document)", e.getOriginalMessage())));
        }
        Map<String, RuleCondition> conditions = new LinkedHashMap<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < ruleSet.rules().size(); i++) {
            Rule rule = ruleSet.rules().get(i);
            String at = "rules[" + i + "]";
            Integer earlier = firstIndexOfId.putIfAbsent(rule.id(), i);
            if (earlier != null) {
                problems.add(new RuleProblem(at + ".id", "'" + rule.id() + "' is already the id of rules[" + earlier + "]"));
            }
            checkShape(rule, at, problems);
            checkTrigger(rule.on(), at + ".on", problems, conditions, maxIterations);
            if (rule.sequence() != null) {
                checkTrigger(rule.sequence().then(), at + ".sequence.then", problems, conditions, maxIterations);
            }
            if (rule.absence() != null) {
                checkTrigger(rule.absence().expected(), at + ".absence.expected", problems, conditions, maxIterations);
            }
            checkTests(rule, at, problems);
        }
        return problems.isEmpty() ? new Result(ruleSet, Map.copyOf(conditions), List.of()) : invalid(problems);
    }

    /** The shipped default rule set, validated; it is a bug in the build when it is not valid. */
    public static Result defaults() {
        return validate(defaultsText());
    }

    /** The shipped default rule set, validated, its conditions limited to {@code maxIterations}. */
    public static Result defaults(int maxIterations) {
        return validate(defaultsText(), maxIterations);
    }

    /** The shipped default rule set as written. */
    public static String defaultsText() {
        try (InputStream in = RuleSetValidator.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RULES + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + DEFAULT_RULES, e);
        }
    }

    private static void checkShape(Rule rule, String at, List<RuleProblem> problems) {
        List<String> patterns = Stream.of(rule.count() != null ? "count" : null, rule.sequence() != null ? "sequence" : null,
                rule.absence() != null ? "absence" : null, rule.stall() != null ? "stall" : null,
                rule.aggregate() != null ? "aggregate" : null).filter(p -> p != null).toList();
        if (patterns.size() > 1) {
            problems.add(new RuleProblem(at, "has " + String.join(" and ", patterns) + "; a rule has at most one pattern"));
        }
        if (rule.stall() != null && rule.on() != null) {
            problems.add(new RuleProblem(at + ".on", "a stall rule is triggered by the customer's stage, not by events"));
        }
        if (rule.stall() == null && rule.on() == null) {
            problems.add(new RuleProblem(at + ".on", "is required: which events trigger this rule"));
        }
        if (rule.aggregate() != null && (rule.aggregate().key() == null || rule.aggregate().key().isEmpty())) {
            problems.add(new RuleProblem(at + ".aggregate.key", "is required: what the customers' matches share (e.g. topic)"));
        }
        ActionType action = rule.action().type();
        if (action == ActionType.SURVEY && rule.action().surveyKind() == null) {
            problems.add(new RuleProblem(at + ".action.surveyKind", "is required for a SURVEY action"));
        }
        if (action == ActionType.CONTENT_GAP && (rule.aggregate() == null || rule.action().topicFrom() == null)) {
            problems.add(new RuleProblem(at + ".action", "a CONTENT_GAP action needs an aggregate pattern and topicFrom"));
        }
    }

    private static void checkTests(Rule rule, String at, List<RuleProblem> problems) {
        if (rule.tests() == null) {
            return;
        }
        for (int t = 0; t < rule.tests().size(); t++) {
            var test = rule.tests().get(t);
            for (int p = 0; p < test.expect().size(); p++) {
                for (int index : test.expect().get(p)) {
                    if (index >= test.events().size()) {
                        problems.add(new RuleProblem(at + ".tests[" + t + "].expect[" + p + "]", "event " + index
                                + " does not exist: the test has " + test.events().size() + " events"));
                    }
                }
            }
        }
    }

    private static void checkTrigger(Trigger trigger, String at, List<RuleProblem> problems,
                                     Map<String, RuleCondition> conditions, int maxIterations) {
        if (trigger == null) {
            return;
        }
        for (int t = 0; t < trigger.types().size(); t++) {
            String type = trigger.types().get(t);
            if (EventType.fromType(type).isEmpty()) {
                problems.add(new RuleProblem(at + ".types[" + t + "]", "'" + type + "' is not an event type of the contract"));
            }
        }
        if (trigger.condition() != null) {
            RuleCondition.Compiled compiled = RuleCondition.compile(trigger.condition(), maxIterations);
            compiled.problems().forEach(problem -> problems.add(new RuleProblem(at + ".condition", problem)));
            if (compiled.condition() != null) {
                conditions.put(at + ".condition", compiled.condition());
            }
        }
    }

    /**
     * The CEL problems of every condition of a document the schema refused, read from the raw tree, so that one
     * answer names them too.
     */
    private static List<RuleProblem> conditionProblems(JsonNode document) {
        List<RuleProblem> problems = new ArrayList<>();
        JsonNode rules = document.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            for (String trigger : List.of("on", "sequence/then", "absence/expected")) {
                JsonNode condition = rules.get(i).at("/" + trigger + "/condition");
                if (condition.isTextual()) {
                    String at = "rules[" + i + "]." + trigger.replace('/', '.') + ".condition";
                    RuleCondition.compile(condition.textValue()).problems()
                            .forEach(problem -> problems.add(new RuleProblem(at, problem)));
                }
            }
        }
        return problems;
    }

    private static Result invalid(List<RuleProblem> problems) {
        return new Result(null, Map.of(), List.copyOf(problems));
    }
}
