package io.journeyline.education.domain.analytics;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How far customers get with the education assigned in a period (DOMAIN.md: completion rate = completed / assigned),
 * overall and per group — content, path, rule (the pain point that brought them), the customers' stage when
 * assigned, or the period they were assigned in. Held-out and suppressed decisions are not assignments and are not
 * counted. Every figure carries its n; a rate or median over nothing is null, never 0.
 */
public record Completion(OffsetDateTime from, OffsetDateTime to, String by, String period, Group total,
                         List<Group> groups) {

    /** Grouping dimensions of the report. */
    public static final List<String> DIMENSIONS = List.of("content", "path", "rule", "stage", "period");
    /** Period lengths for {@code by=period}. */
    public static final List<String> PERIODS = List.of("day", "week", "month");

    /**
     * One group: the assignments made, how many are completed, dropped out and still open; the completion rate and
     * the median time from assignment to completion.
     */
    public record Group(String key, long assigned, long completed, long droppedOut, long open, Rate completionRate,
                        Timing timeToComplete) {

        public static Group of(String key, long assigned, long completed, long droppedOut, Double medianSeconds) {
            return new Group(key, assigned, completed, droppedOut, assigned - completed - droppedOut,
                    Rate.of(completed, assigned), Timing.of(completed, medianSeconds));
        }
    }

    /**
     * A share of n in per cent, with its 95 % Wilson score interval (Apache Commons Statistics; better than the
     * normal approximation for small n and rates near 0 or 100 %). Null figures when n is 0.
     */
    public record Rate(long n, long count, Double percent, Double lower95, Double upper95, String interval) {

        public static Rate of(long count, long n) {
            if (n == 0) {
                return new Rate(0, count, null, null, null, null);
            }
            var wilson = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(n),
                    Math.toIntExact(count), 0.05);
            return new Rate(n, count, 100.0 * count / n, 100 * wilson.getLowerBound(), 100 * wilson.getUpperBound(),
                    "Wilson score, 95 %");
        }
    }

    /** The median time from assignment to completion over the n completed: seconds and ISO-8601; null when n is 0. */
    public record Timing(long n, Double medianSeconds, String median) {

        public static Timing of(long n, Double medianSeconds) {
            if (n == 0 || medianSeconds == null) {
                return new Timing(n, null, null);
            }
            return new Timing(n, medianSeconds, Duration.ofSeconds(Math.round(medianSeconds)).toString());
        }
    }
}
