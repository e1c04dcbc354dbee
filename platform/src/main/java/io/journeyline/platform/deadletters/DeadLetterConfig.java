package io.journeyline.platform.deadletters;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the dead-letter endpoints read the dead-letter topics and replay them ({@code journeyline.dead-letters.*}). */
@ConfigMapping(prefix = "journeyline.dead-letters")
public interface DeadLetterConfig {
    /** Dead letters on a page when the request names no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    /** The largest {@code limit} a page may ask for (each item carries its payload, up to the record size limit). */
    @WithDefault("200")
    int maxPageSize();

    /**
     * Records one page reads from the dead-letter topics at most, matching or not: a narrow filter over a long topic
     * then answers a short (even empty) page with a {@code next} cursor instead of reading the whole topic at once.
     */
    @WithDefault("5000")
    int maxScannedPerPage();

    /** How long one read of the dead-letter topics (a page, or a job's selection) may take before it stops where it is. */
    @WithDefault("PT10S")
    Duration readTimeout();

    /**
     * Dead letters one replay job takes at most. Each gets its own transaction, an outcome row and a row in
     * {@code platform_dead_letter_replays}; 10,000 keep a job's outcomes readable in one answer and its run to
     * minutes. A filter that matches more selects the oldest; the same request again takes the next ones (those
     * replayed already are not selected again).
     */
    @WithDefault("10000")
    int maxRecordsPerJob();

    /**
     * How long {@code platform_dead_letter_replays} remembers that a dead letter was replayed (never twice): at least
     * as long as the dead-letter topics keep a record (30 days) — a record it forgot could be replayed again.
     */
    @WithDefault("P60D")
    Duration replayRetention();

    /** How long a replay job and its per-record outcomes (which carry failure details) are kept. */
    @WithDefault("P30D")
    Duration jobRetention();

    /**
     * A claim on a dead letter still {@code started} after this long belongs to a replay whose process died: another
     * job may take it over (the normal dedupe makes a replay that did commit a {@code duplicate}).
     */
    @WithDefault("PT15M")
    Duration claimTimeout();
}
