package io.journeyline.journey.service;

import io.journeyline.journey.config.RulesConfig;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens when a rule's condition stops at {@code journeyline.rules.condition-max-iterations} on an event: the
 * rule does not match (the event is processed as usual — into the timeline, through the other rules — never
 * dead-lettered or retried), {@code journeyline_rules_condition_limit_total{rule}} counts it, and each rule version is
 * logged once, so a flood of such events does not flood the log.
 */
@ApplicationScoped
public class ConditionLimits implements CompiledRuleSet.LimitReached {
    private static final Logger LOG = Logger.getLogger(ConditionLimits.class);

    private final MeterRegistry registry;
    private final int maxIterations;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public ConditionLimits(MeterRegistry registry, RulesConfig config) {
        this.registry = registry;
        this.maxIterations = config.conditionMaxIterations();
    }

    @Override
    public void on(Rule rule, CompiledRuleSet.Role role) {
        registry.counter("journeyline.rules.condition.limit", "rule", rule.id()).increment();
        if (logged.add(rule.id() + "@" + rule.version())) {
            LOG.warnf("rule %s (version %d): its %s condition stopped at the limit of %d comprehension iterations "
                            + "(journeyline.rules.condition-max-iterations) and is treated as not matched; counted in "
                            + "journeyline_rules_condition_limit_total, logged once per rule version", rule.id(),
                    rule.version(), role.name().toLowerCase(Locale.ROOT), maxIterations);
        }
    }
}
