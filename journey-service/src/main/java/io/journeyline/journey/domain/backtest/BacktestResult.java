package io.journeyline.journey.domain.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a backtest found, per rule: the pain points it would have detected (with examples and their evidence), the
 * interventions they would have asked for after the guards, and the difference to what was recorded over the period.
 * {@link #CANNOT_KNOW} says what a replay of history cannot tell.
 *
 * @param eventsEvaluated        events evaluated, warm-up included (journey-service's own timeline entries are not
 *                               read back: the backtest makes its own)
 * @param conditionLimitReached  per rule, events on which its condition stopped at the iteration limit (not matched)
 */
public record BacktestResult(long eventsEvaluated, Map<String, Integer> painPointsBySeverity, List<RuleResult> rules,
                             Map<String, Integer> conditionLimitReached, List<String> cannotKnow) {

    /** What the backtest cannot know, and how its figures treat it. */
    public static final List<String> CANNOT_KNOW = List.of(
            "hold-out: education-service holds out a share of education requests at random; the backtest counts the"
                    + " requests that would have been sent, not who would have been held out or educated",
            "downstream: the cases, surveys and lessons these interventions would have caused, and what customers did"
                    + " after them, are not simulated; the replay is the history as recorded",
            "stale guard: decisions are taken as at their detection, so the stale guard (a backfill of old events) never"
                    + " applies",
            "consents: a customer's answer before their latest change is known only when the change is in the replayed"
                    + " timeline; otherwise the default applies until the latest answer's time",
            "cases: open or not as the case events in the customer's timeline tell (opened, reopened, closed); a case"
                    + " whose events are past the timeline's retention is not known",
            "absences near the end: a wait that ends after 'to' is in neither count (live, it fired later, on events"
                    + " the replay does not read)",
            "stage stalls: evaluated on the recorded stage history (a backtest changes rules, not the stage model)",
            "lateness: events are replayed in event-time order; live, an event later than the allowed lateness was kept"
                    + " out of rule state, which the replay cannot tell");

    /** Stands in for a customer erased while the backtest ran. */
    public static final String ERASED = "(erased)";

    /** Every customer the report names (in examples and changes). */
    public Set<String> customers() {
        Set<String> names = new HashSet<>();
        for (RuleResult rule : rules) {
            rule.painPoints().examples().forEach(example -> names.add(example.customerId()));
            rule.comparedWithRecorded().addedExamples().forEach(change -> names.add(change.customerId()));
            rule.comparedWithRecorded().goneExamples().forEach(change -> names.add(change.customerId()));
        }
        names.remove(null);
        return names;
    }

    /** The report with {@code erased} customers named {@link #ERASED} (they were erased while it ran). */
    public BacktestResult without(Set<String> erased) {
        if (erased.isEmpty()) {
            return this;
        }
        java.util.function.UnaryOperator<String> name = id -> id != null && erased.contains(id) ? ERASED : id;
        List<RuleResult> scrubbed = rules.stream().map(rule -> new RuleResult(rule.ruleId(), rule.version(),
                rule.status(), rule.action(), new PainPoints(rule.painPoints().count(), rule.painPoints().customers(),
                rule.painPoints().bySeverity(), rule.painPoints().byTopic(), rule.painPoints().examples().stream()
                .map(e -> new Example(e.painPointId(), name.apply(e.customerId()), e.key(), e.topic(), e.detectedAt(),
                        erased.contains(e.customerId()) ? List.of() : e.evidence())).toList()),
                rule.interventions(), new Comparison(rule.comparedWithRecorded().recorded(),
                rule.comparedWithRecorded().same(), rule.comparedWithRecorded().added(), rule.comparedWithRecorded().gone(),
                rule.comparedWithRecorded().addedExamples().stream()
                        .map(c -> new Change(name.apply(c.customerId()), c.painPointId())).toList(),
                rule.comparedWithRecorded().goneExamples().stream()
                        .map(c -> new Change(name.apply(c.customerId()), c.painPointId())).toList()))).toList();
        return new BacktestResult(eventsEvaluated, painPointsBySeverity, scrubbed, conditionLimitReached, cannotKnow);
    }

    public record RuleResult(String ruleId, Integer version, String status, String action, PainPoints painPoints,
                             Interventions interventions, Comparison comparedWithRecorded) {
    }

    /**
     * @param count     pain points detected in the period
     * @param customers distinct customers among them (aggregate pain points count each complainant)
     * @param examples  the first pain points, with their evidence
     */
    public record PainPoints(int count, int customers, Map<String, Integer> bySeverity, Map<String, Integer> byTopic,
                             List<Example> examples) {
    }

    /**
     * @param ifActivated a SHADOW rule's: what it would have asked for were it ACTIVE (its asks join no history)
     */
    public record Interventions(int asked, int sent, Map<String, Integer> suppressedBy, boolean ifActivated) {
    }

    /**
     * Against the pain points recorded live over the same period: {@code same} when a recorded pain point of the rule
     * and customer shares evidence with one found here.
     */
    public record Comparison(int recorded, int same, @JsonProperty("new") int added, int gone,
                             @JsonProperty("newExamples") List<Change> addedExamples, List<Change> goneExamples) {
    }

    public record Change(String customerId, String painPointId) {
    }

    public record Example(String painPointId, String customerId, String key, String topic, Instant detectedAt,
                          List<Evidence> evidence) {
    }

    public record Evidence(String eventId, Instant time, String topic, String touchpoint) {
    }

    /** Collects the figures rule by rule. */
    static final class Builder {
        private final Map<String, Rule> rules = new LinkedHashMap<>();
        private final Map<String, Figures> figures = new LinkedHashMap<>();
        private final Map<String, Integer> bySeverity = new TreeMap<>();
        private final Map<String, Integer> limits = new TreeMap<>();
        private final int examples;

        Builder(CompiledRuleSet ruleSet, int examples) {
            this.examples = examples;
            for (Rule rule : ruleSet.evaluatedRules()) {
                rules.put(rule.id(), rule);
                figures.put(rule.id(), new Figures());
            }
        }

        private static final class Figures {
            int count;
            final Set<String> customers = new HashSet<>();
            final Map<String, Integer> bySeverity = new TreeMap<>();
            final Map<String, Integer> byTopic = new TreeMap<>();
            final List<Example> examples = new ArrayList<>();
            int asked;
            int sent;
            final Map<String, Integer> suppressedBy = new TreeMap<>();
            boolean ifActivated;
            int recorded;
            int same;
            int added;
            int gone;
            final List<Change> addedExamples = new ArrayList<>();
            final List<Change> goneExamples = new ArrayList<>();
        }

        private Figures of(String ruleId) {
            return figures.computeIfAbsent(ruleId, id -> new Figures());
        }

        void painPoint(Rule rule, Set<String> customers, String severity, String topic, Example example) {
            Figures f = of(rule.id());
            f.count++;
            f.customers.addAll(customers);
            f.bySeverity.merge(severity, 1, Integer::sum);
            bySeverity.merge(severity, 1, Integer::sum);
            f.byTopic.merge(topic == null ? "(none)" : topic, 1, Integer::sum);
            if (f.examples.size() < examples) {
                f.examples.add(example);
            }
        }

        void decision(Rule rule, String suppressedBy, boolean ifActivated) {
            Figures f = of(rule.id());
            f.asked++;
            f.ifActivated |= ifActivated;
            if (suppressedBy == null) {
                f.sent++;
            } else {
                f.suppressedBy.merge(suppressedBy, 1, Integer::sum);
            }
        }

        void same(String ruleId) {
            Figures f = of(ruleId);
            f.recorded++;
            f.same++;
        }

        void added(String ruleId, String customerId, String painPointId) {
            Figures f = of(ruleId);
            f.added++;
            if (f.addedExamples.size() < examples) {
                f.addedExamples.add(new Change(customerId, painPointId));
            }
        }

        void gone(String ruleId, String customerId, String painPointId) {
            Figures f = of(ruleId);
            f.recorded++;
            f.gone++;
            if (f.goneExamples.size() < examples) {
                f.goneExamples.add(new Change(customerId, painPointId));
            }
        }

        void limitReached(String ruleId, int events) {
            limits.put(ruleId, events);
        }

        BacktestResult build(long evaluated) {
            List<RuleResult> results = new ArrayList<>();
            figures.forEach((id, f) -> {
                Rule rule = rules.get(id);
                results.add(new RuleResult(id, rule == null ? null : rule.version(),
                        rule == null ? "NOT_IN_SET" : rule.status().name(),
                        rule == null ? null : rule.action().type().name(),
                        new PainPoints(f.count, f.customers.size(), f.bySeverity, f.byTopic, List.copyOf(f.examples)),
                        new Interventions(f.asked, f.sent, f.suppressedBy, f.ifActivated),
                        new Comparison(f.recorded, f.same, f.added, f.gone, List.copyOf(f.addedExamples),
                                List.copyOf(f.goneExamples))));
            });
            return new BacktestResult(evaluated, bySeverity, results, limits, CANNOT_KNOW);
        }
    }
}
