package io.journeyline.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How journey-service follows the erasures it asks for. */
@ConfigMapping(prefix = "journeyline.erasures")
public interface ErasureConfig {
    /**
     * A service that has not answered an erasure within this shows it as overdue (its status and
     * {@code journeyline_privacy_erasures_overdue}). GDPR asks for erasure "without undue delay" and within a month;
     * a day leaves time to fix a stopped consumer well before that.
     */
    @WithDefault("PT24H")
    Duration receiptDeadline();

    /** How often the overdue gauge is recounted. */
    @WithDefault("PT1M")
    Duration overdueCheckInterval();
}
