package io.journeyline.journey.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of {@code POST /api/v1/events}. */
@ConfigMapping(prefix = "journeyline.ingest")
public interface IngestConfig {
    /** Largest accepted body; larger ones get 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Most events in one batch; more get 413. */
    @WithDefault("1000")
    int maxBatchEvents();
}
