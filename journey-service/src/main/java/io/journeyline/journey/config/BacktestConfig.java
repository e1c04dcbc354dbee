package io.journeyline.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Backtests of rule sets over stored history ({@code POST /api/v1/rules/backtests}). */
@ConfigMapping(prefix = "journeyline.backtests")
public interface BacktestConfig {
    /** A backtest covers this long before now unless a period is given. */
    @WithDefault("P30D")
    Duration defaultPeriod();

    /** The longest period a backtest may cover. */
    @WithDefault("P400D")
    Duration maxPeriod();

    /**
     * Events read from the timelines per page: what one read query returns and what is held in memory at once (the
     * rules' state and the findings grow with the customers, not the page).
     */
    @WithDefault("5000")
    int pageSize();

    /**
     * A pause after each page, giving the database and the consumers room: zero replays as fast as the machine
     * allows (see docs/performance.md for what a backtest costs live consumption).
     */
    @WithDefault("PT0S")
    Duration pauseBetweenPages();

    /** The most events one backtest may replay (warm-up included); a bigger one is refused up front. */
    @WithDefault("5000000")
    long maxEvents();

    /**
     * The most pain points one backtest may find (warm-up included) before it stops as FAILED: what it holds in memory
     * grows with them (each with up to 1,000 evidence ids), on the heap the replica's consumers share.
     */
    @WithDefault("500000")
    int maxPainPoints();

    /** The most customers a sample may name. */
    @WithDefault("10000")
    int maxSample();

    /** Example pain points (and changed customers) the report keeps per rule. */
    @WithDefault("10")
    int examples();

    /** At most this many backtests run at once on a replica; more are refused with 429 until one ends. */
    @WithDefault("1")
    int concurrent();

    /** A RUNNING backtest whose progress has not moved for this long is shown as INTERRUPTED (its process died). */
    @WithDefault("PT2M")
    Duration stalledAfter();
}
