package io.journeyline.education.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** education-service's settings. */
@ConfigMapping(prefix = "journeyline.education")
public interface EducationConfig {
    /** Content not reviewed for this long is stale (DOMAIN.md: 30 days). */
    @WithDefault("P30D")
    Duration reviewInterval();

    /** Assigned education with no progress for this long is a drop-out (DOMAIN.md: 7 days). */
    @WithDefault("P7D")
    Duration dropOutAfter();

    /** The share of eligible education requests held out (per customer and rule), to measure education's effect. */
    @WithDefault("0.10")
    double holdoutShare();

    /** The language content is chosen in when nothing else is known of the customer. */
    @WithDefault("en")
    String defaultLanguage();

    /** The channel education is delivered on. */
    @WithDefault("app")
    String defaultChannel();

    /** Whether education counts as consented to while the customer has said nothing (journey-service's default too). */
    @WithDefault("true")
    boolean consentedByDefault();

    /**
     * At most this many education deliveries to one customer in any {@code push-cap-window}: a learning path's next
     * unit waits for room; a lesson answering a pain point is delivered at once and counts.
     */
    @WithDefault("2")
    int dailyPushCap();

    /** The window the push cap counts deliveries in. */
    @WithDefault("P1D")
    Duration pushCapWindow();

    /** The completion analytics cover assignments made this long before now unless a range is given. */
    @WithDefault("P90D")
    Duration analyticsWindow();
}
