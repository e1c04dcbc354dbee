package io.journeyline.journey.config;

import io.journeyline.journey.domain.rules.RuleCondition;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How pain-point rules are evaluated. */
@ConfigMapping(prefix = "journeyline.rules")
public interface RulesConfig {
    /**
     * How far behind the latest event of a rule's state an event may be and still count. Later ones enter the
     * timeline but not rule state ({@code journeyline_rules_late_events_total}); absence timers wait this long after
     * their window for a late expected event.
     */
    @WithDefault("PT6H")
    Duration allowedLateness();

    /**
     * The most comprehension iterations ({@code all}, {@code exists}, {@code map}, {@code filter} …, nested ones
     * counted together) one evaluation of one condition may take. An evaluation that reaches it does not match: the
     * event is processed as usual, the rule does not fire, {@code journeyline_rules_condition_limit_total{rule}}
     * counts it and the rule is logged once. A rule's own tests run with the same limit, so one that reaches it on its
     * own examples is refused at validation.
     */
    @WithDefault("" + RuleCondition.DEFAULT_MAX_ITERATIONS)
    int conditionMaxIterations();
}
