package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleSetDocument.Status;
import io.journeyline.journey.domain.rules.RuleSetDocument.Trigger;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A valid rule set, ready to match events: its rules indexed by the event types they listen to, with their
 * conditions compiled. Immutable and thread-safe; one instance serves every consumer until an admin activates a new
 * version. Only SHADOW and ACTIVE rules are evaluated.
 *
 * @see RulePatterns what happens to the matches
 */
public final class CompiledRuleSet {

    /** What an event is to a rule: its trigger, the second step of a sequence, or the event an absence waits for. */
    public enum Role { TRIGGER, THEN, EXPECTED }

    /**
     * An event matched a rule.
     *
     * @param key the values of the rule's key fields ({@code topic=returns}); empty for rules without a key
     */
    public record Match(Rule rule, Role role, String key) {
    }

    private record Listener(Rule rule, Role role, CompiledTrigger trigger) {
    }

    private final int version;
    private final RuleSetDocument document;
    private final Map<String, List<Listener>> byType = new HashMap<>();
    private final List<RuleCondition> conditions;

    private CompiledRuleSet(int version, RuleSetDocument document, Map<String, RuleCondition> conditions,
                            boolean everyStatus) {
        this.version = version;
        this.document = document;
        this.conditions = List.copyOf(conditions.values());
        for (int i = 0; i < document.rules().size(); i++) {
            Rule rule = document.rules().get(i);
            if (!everyStatus && rule.status() != Status.ACTIVE && rule.status() != Status.SHADOW) {
                continue;
            }
            String at = "rules[" + i + "]";
            listen(rule, Role.TRIGGER, rule.on(), conditions.get(at + ".on.condition"));
            if (rule.sequence() != null) {
                listen(rule, Role.THEN, rule.sequence().then(), conditions.get(at + ".sequence.then.condition"));
            }
            if (rule.absence() != null) {
                listen(rule, Role.EXPECTED, rule.absence().expected(), conditions.get(at + ".absence.expected.condition"));
            }
        }
    }

    /** The rule set of a successful validation, as version {@code version}. */
    public static CompiledRuleSet of(int version, RuleSetValidator.Result validated) {
        if (!validated.valid()) {
            throw new IllegalArgumentException("an invalid rule set cannot be compiled: " + validated.problems());
        }
        return new CompiledRuleSet(version, validated.ruleSet(), validated.conditions(), false);
    }

    /** Every rule matching, whatever its status: for running rules' own tests (a DRAFT's too). */
    static CompiledRuleSet forTests(RuleSetValidator.Result validated) {
        if (!validated.valid()) {
            throw new IllegalArgumentException("an invalid rule set cannot be compiled: " + validated.problems());
        }
        return new CompiledRuleSet(0, validated.ruleSet(), validated.conditions(), true);
    }

    private void listen(Rule rule, Role role, Trigger trigger, RuleCondition condition) {
        if (trigger == null) {
            return;
        }
        for (String type : trigger.types()) {
            byType.computeIfAbsent(type, t -> new ArrayList<>())
                    .add(new Listener(rule, role, new CompiledTrigger(trigger, condition)));
        }
    }

    public int version() {
        return version;
    }

    public RuleSetDocument document() {
        return document;
    }

    /** Every compiled condition of the set. */
    List<RuleCondition> conditions() {
        return conditions;
    }

    /** The evaluated rules (SHADOW and ACTIVE), in document order. */
    public List<Rule> evaluatedRules() {
        return document.rules().stream()
                .filter(rule -> rule.status() == Status.ACTIVE || rule.status() == Status.SHADOW).toList();
    }

    /** Whether any evaluated rule listens to events of this type: events of other types skip rule work entirely. */
    public boolean listensTo(String type) {
        return byType.containsKey(type);
    }

    /** A rule whose condition stopped at the iteration limit on an event, in the role it was evaluated for. */
    @FunctionalInterface
    public interface LimitReached {
        void on(Rule rule, Role role);
    }

    /**
     * Every (rule, role) this event matches: the type is one the trigger names, every {@code where} field equals, the
     * condition holds, and every key field is present.
     */
    public List<Match> matches(IncomingEvent event) {
        return matches(event, (rule, role) -> {
        });
    }

    /**
     * {@link #matches(IncomingEvent)}, telling {@code limitReached} of each condition that stopped at the iteration
     * limit (it does not match).
     */
    public List<Match> matches(IncomingEvent event, LimitReached limitReached) {
        List<Listener> listeners = byType.get(event.type().type());
        if (listeners == null) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>(2);
        for (Listener listener : listeners) {
            RuleCondition.Outcome outcome = listener.trigger().evaluate(event, listener.rule().paramsOrEmpty());
            if (outcome == RuleCondition.Outcome.LIMIT_REACHED) {
                limitReached.on(listener.rule(), listener.role());
            }
            if (outcome != RuleCondition.Outcome.MATCHED) {
                continue;
            }
            String key = key(keyFields(listener.rule()), event.data());
            if (key != null) {
                matches.add(new Match(listener.rule(), listener.role(), key));
            }
        }
        return matches;
    }

    private static List<String> keyFields(Rule rule) {
        if (rule.aggregate() != null) {
            return rule.aggregate().key();
        }
        return rule.key() == null ? List.of() : rule.key();
    }

    /** {@code topic=returns|touchpoint=setup.wifi}; null when a key field is missing (the rule cannot group it). */
    private static String key(List<String> fields, JsonNode data) {
        if (fields.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String field : fields) {
            JsonNode value = data.get(field);
            if (value == null || value.isNull() || value.asText().isEmpty()) {
                return null;
            }
            if (!key.isEmpty()) {
                key.append('|');
            }
            key.append(field).append('=').append(value.asText());
        }
        return key.toString();
    }
}
