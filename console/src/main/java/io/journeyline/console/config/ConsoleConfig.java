package io.journeyline.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where the four services' public APIs are, and how the pages behave (prefix {@code journeyline.console}). */
@ConfigMapping(prefix = "journeyline.console")
public interface ConsoleConfig {
    /** journey-service's API base URL. */
    String journeyUrl();

    /** survey-service's API base URL. */
    String surveyUrl();

    /** education-service's API base URL. */
    String educationUrl();

    /** feedback-service's API base URL. */
    String feedbackUrl();

    /** How long one API call may take before the page shows that service as not answering. */
    @WithDefault("PT5S")
    Duration requestTimeout();

    /**
     * How often an open page asks for fresh data (its live parts, without a reload; not while its tab is hidden).
     * Each refresh reads the page again: a Customer 360 is up to 19 API calls.
     */
    @WithDefault("PT15S")
    Duration refreshInterval();

    /** Timeline entries per page of the Customer 360 (more load as the agent scrolls). */
    @WithDefault("50")
    int timelinePageSize();

    /** How many timeline pages the event view reads back from a pain point's detection to find one evidence event. */
    @WithDefault("5")
    int evidenceSearchPages();
}
