package io.journeyline.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** journey-service's analytics (the education-effect, touchpoint and funnel reports). */
@ConfigMapping(prefix = "journeyline.analytics")
public interface AnalyticsConfig {
    /** Reports cover this long before now unless a range is given. */
    @WithDefault("P90D")
    Duration window();

    /**
     * Education effect: how long after a pain point its recurrence is looked for, and the length of the before and
     * after windows of the satisfaction change (DOMAIN.md: recurrence within 30 days).
     */
    @WithDefault("P30D")
    Duration educationEffectWindow();

    /** Below this many customers in either arm a comparison shows its n's and withholds its figures. */
    @WithDefault("30")
    int minimumNPerArm();
}
