package io.journeyline.platform.timers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The durable timers' poller ({@code journeyline.timers.*}). */
@ConfigMapping(prefix = "journeyline.timers")
public interface TimerConfig {
    /** How often the poller fires what is due; a timer fires at most this late (plus its handler's time). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most timers fired per poll; the rest wait for the next poll. */
    @WithDefault("500")
    int batchSize();

    /** Wait before a timer whose handler failed fires again. */
    @WithDefault("30s")
    Duration retryBackOff();

    /** Attempts before a failing timer is parked as FAILED (kept, with its last error, for an operator). */
    @WithDefault("10")
    int maxAttempts();
}
