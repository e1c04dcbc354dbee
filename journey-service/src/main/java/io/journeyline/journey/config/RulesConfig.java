package io.journeyline.journey.config;

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
}
