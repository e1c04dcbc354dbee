package io.journeyline.platform.timers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The durable timers' poller ({@code journeyline.timers.*}). */
@ConfigMapping(prefix = "journeyline.timers")
public interface TimerConfig {
    /**
     * How often the poller fires what is due; a timer fires at most this late (plus its handler's time). Each poll
     * fires everything due then, batch after batch.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Most timers fired in one transaction. Larger batches fire a backlog faster (one commit, and one statement for
     * the set-based handlers, for many timers) but hold more customers locked from the consumer while they run: with
     * 200 a backfill's consumer spent a fifth of its time waiting for them (docs/performance.md).
     */
    @WithDefault("20")
    int batchSize();

    /**
     * Batches a poll runs at once, each in a transaction of its own (locked rows are skipped, so each takes different
     * timers): more overlap the service's work with the database's while a backlog drains.
     */
    @WithDefault("1")
    int concurrency();

    /** Wait before a timer whose handler failed fires again. */
    @WithDefault("30s")
    Duration retryBackOff();

    /** Attempts before a failing timer is parked as FAILED (kept, with its last error, for an operator). */
    @WithDefault("10")
    int maxAttempts();
}
