package io.journeyline.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Where journey-service's subject-access export finds the other services' parts (their public API, the one
 * synchronous call between services the contract allows) and how long it waits for each.
 */
@ConfigMapping(prefix = "journeyline.export")
public interface ExportConfig {
    /** survey-service's base URL (in Kubernetes its Service). */
    @WithDefault("http://survey-service")
    String surveyServiceUrl();

    @WithDefault("http://education-service")
    String educationServiceUrl();

    @WithDefault("http://feedback-service")
    String feedbackServiceUrl();

    /** How long to wait for one service's part; one that does not answer in time is named missing in the export. */
    @WithDefault("PT10S")
    Duration timeout();
}
