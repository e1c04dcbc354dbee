package io.journeyline.journey.domain.analytics;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.NormalConfidenceInterval;

/** A share and a mean as the reports show them: with n and a 95 % interval, null over nothing. Pure. */
public final class Figures {
    private Figures() {
    }

    /** {@code count} of {@code n} in per cent, with its 95 % Wilson score interval. */
    public record Share(long n, long count, Double percent, Double lower95, Double upper95) {

        public static Share of(long count, long n) {
            if (n == 0) {
                return new Share(0, count, null, null, null);
            }
            var wilson = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(n), Math.toIntExact(count),
                    0.05);
            return new Share(n, count, 100.0 * count / n, 100 * wilson.getLowerBound(), 100 * wilson.getUpperBound());
        }
    }

    /** The mean of n values with its 95 % Student's t interval (none below n = 2). */
    public record Mean(long n, Double mean, Double lower95, Double upper95) {

        public static Mean of(long n, Double mean, Double sampleVariance) {
            if (n == 0 || mean == null) {
                return new Mean(0, null, null, null);
            }
            if (n < 2 || sampleVariance == null) {
                return new Mean(n, mean, null, null);
            }
            var t = NormalConfidenceInterval.MEAN.fromErrorRate(mean, sampleVariance, n, 0.05);
            return new Mean(n, mean, t.getLowerBound(), t.getUpperBound());
        }
    }
}
