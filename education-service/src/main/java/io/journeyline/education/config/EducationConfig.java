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
}
