package io.journeyline.platform.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What every analytics report accepts ({@code journeyline.analytics.*}; a service may add its own keys there). */
@ConfigMapping(prefix = "journeyline.analytics")
public interface ReportConfig {
    /** The longest [from, to) a report covers: a longer one is a 400, so no request scans years of rows. */
    @WithDefault("P400D")
    Duration maxPeriod();
}
