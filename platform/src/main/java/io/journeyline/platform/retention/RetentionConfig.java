package io.journeyline.platform.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the platform's own tables keep a row ({@link Retention}). */
@ConfigMapping(prefix = "journeyline.retention")
public interface RetentionConfig {
    /**
     * The dedupe window: how long {@code processed_events} remembers an event's (source, id) and
     * {@code platform_dead_letters} a dead-lettered record's place. It must cover anything that can still be delivered
     * or replayed: the longest retention of a consumed topic or its {@code .dlq} (30 days, the dead-letter topics') plus
     * the replay horizon (a dead letter may be replayed until its topic drops it, 30 days later): 60 days.
     * {@code ManifestsTest} checks the default against the manifests' topic retentions.
     */
    @WithDefault(DEFAULT_DEDUPE)
    Duration dedupe();

    /** How often expired rows are deleted. */
    @WithDefault("PT10M")
    Duration interval();

    /** Rows one delete statement removes at most (a run repeats it until fewer come back). */
    @WithDefault("10000")
    int batchSize();

    /** How long a timer parked as FAILED (its handler kept failing) stays for an operator to look at, after it was due. */
    @WithDefault("P30D")
    Duration failedTimers();

    String DEFAULT_DEDUPE = "P60D";
}
