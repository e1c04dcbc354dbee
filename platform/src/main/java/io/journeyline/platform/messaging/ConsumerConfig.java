package io.journeyline.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How every consumer pipeline retries a failure that may pass ({@code journeyline.consumer.*}). */
@ConfigMapping(prefix = "journeyline.consumer")
public interface ConsumerConfig {
    /**
     * Copies of each consumer channel in its group, each with its own partitions (a channel refers to it as
     * {@code concurrency=${journeyline.consumer.concurrency:3}}); more than the topic's partitions sit idle.
     */
    @WithDefault("3")
    int concurrency();

    /** Retries of a transient failure (database or broker unavailable) before the channel stops. */
    @WithDefault("5")
    int retries();

    /** First back-off between retries; doubles each time. */
    @WithDefault("200ms")
    Duration initialBackOff();

    /** Longest back-off between retries. */
    @WithDefault("5s")
    Duration maxBackOff();
}
