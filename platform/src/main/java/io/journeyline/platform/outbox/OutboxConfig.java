package io.journeyline.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The outbox relay ({@code journeyline.outbox.*}). */
@ConfigMapping(prefix = "journeyline.outbox")
public interface OutboxConfig {
    /** Rows published per relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How often the relay looks for new rows; an event waits at most this long before it is sent. */
    @WithDefault("100ms")
    Duration pollInterval();

    /** How long a parked event (one Kafka refused for good) is kept for an operator to retry or discard. */
    @WithDefault("P30D")
    Duration parkedRetention();
}
