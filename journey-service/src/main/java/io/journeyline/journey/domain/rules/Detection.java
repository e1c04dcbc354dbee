package io.journeyline.journey.domain.rules;

import io.journeyline.journey.domain.rules.RulePatterns.Firing;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleState.Mark;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A rule fired for a customer (or, for an aggregate, for a key across customers). The pain point's id is derived
 * from what it is — rule, scope, key and episode, or for a single-event rule the event — so evaluating the same
 * events again names the same pain point.
 *
 * @param scope the customer id, or {@code *} for an aggregate
 */
public record Detection(Rule rule, int ruleSetVersion, String scope, String key, Firing firing, String painPointId) {

    /** The firing's evidence is kept in event-time order, sorted once here. */
    public Detection {
        firing = new Firing(firing.episode(), firing.opened(), firing.evidence().stream()
                .sorted(Comparator.comparing(Mark::time).thenComparing(Mark::eventId)).toList());
    }

    /** A firing of a stateful pattern (count, sequence, absence, aggregate). */
    public static Detection ofEpisode(Rule rule, int ruleSetVersion, String scope, String key, Firing firing) {
        return new Detection(rule, ruleSetVersion, scope, key, firing,
                id("pain-point|" + rule.id() + "|" + scope + "|" + key + "|" + firing.episode()));
    }

    /** A firing of a rule without a pattern: the event alone is the pain point. */
    public static Detection ofEvent(Rule rule, int ruleSetVersion, String customerId, String key, Mark event) {
        return new Detection(rule, ruleSetVersion, customerId, key, RulePatterns.single(event),
                id("pain-point|" + rule.id() + "|" + customerId + "|" + event.eventId()));
    }

    /** A stall: the customer stayed in {@code stage} since {@code enteredAt} past the rule's limit. */
    public static Detection ofStall(Rule rule, int ruleSetVersion, String customerId, String stage, Instant enteredAt,
                                    Mark cause) {
        return new Detection(rule, ruleSetVersion, customerId, "stage=" + stage, RulePatterns.single(cause),
                id("pain-point|" + rule.id() + "|" + customerId + "|" + stage + "|" + enteredAt));
    }

    /** The evidence of this firing, in event-time order. */
    public List<Mark> evidence() {
        return firing.evidence();
    }

    /** Event time of the latest evidence: when the pattern was complete. */
    public Instant detectedAt() {
        return evidence().get(evidence().size() - 1).time();
    }

    /**
     * When the pattern became true, as event time: the latest evidence's time, or for an absence the end of the window
     * it waited out after its anchor (a purchase with no first use within 7 days is a pain point 7 days after the
     * purchase). What the stale guard ages.
     */
    public Instant completedAt() {
        return rule.absence() != null ? detectedAt().plus(rule.absence().within()) : detectedAt();
    }

    /** The latest non-empty value of a data field among the evidence ({@code topic} or {@code touchpoint}). */
    public String latest(String field) {
        List<Mark> evidence = evidence();
        for (int i = evidence.size() - 1; i >= 0; i--) {
            String value = "touchpoint".equals(field) ? evidence.get(i).touchpoint() : evidence.get(i).topic();
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** The customer, or null for an aggregate across customers. */
    public String customerId() {
        return "*".equals(scope) ? null : scope;
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(Objects.requireNonNull(name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
