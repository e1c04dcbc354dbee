package io.journeyline.journey.domain.analytics;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

import java.util.Collection;

/**
 * Treated against held-out customers, two ways (DOMAIN.md, "Measuring education's effect"), at 95 %:
 * a rate (e.g. the pain point recurring) by the two-proportion z-test with the difference's Newcombe hybrid score
 * interval (method 10 of Newcombe 1998, built on the Wilson intervals of Apache Commons Statistics), and a mean (e.g.
 * the change in CSAT) by Welch's t-test (Apache Commons Statistics) with the Welch–Satterthwaite interval. Below the
 * minimum n in either arm the figures are withheld ("not-enough-data") and only the n's are shown. Pure.
 */
public final class ArmComparison {
    private static final double ALPHA = 0.05;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ArmComparison() {
    }

    /**
     * Two rates: each arm's count of n in per cent; treated − held-out in percentage points with its 95 % interval;
     * the relative change in per cent of the held-out rate (labelled apart: 20 % → 10 % is −10 pp and −50 %).
     */
    public record Rates(String status, long treatedN, long treatedCount, Double treatedPercent, long heldOutN,
                        long heldOutCount, Double heldOutPercent, Double differencePp, Double lower95Pp,
                        Double upper95Pp, Double relativePercent, Double z, Double pValue, String method) {
    }

    /** Two means (of a per-customer change, in the scale's points): each arm's mean; the difference with its interval. */
    public record Means(String status, String unit, long treatedN, Double treatedMean, long heldOutN, Double heldOutMean,
                        Double difference, Double lower95, Double upper95, Double t, Double degreesOfFreedom,
                        Double pValue, String method) {
    }

    /** n, mean and sample variance of one arm's values. */
    public record Summary(long n, double mean, double variance) {

        /** Welford's one-pass mean and variance. */
        public static Summary of(Collection<Double> values) {
            long n = 0;
            double mean = 0;
            double squares = 0;
            for (double value : values) {
                n++;
                double delta = value - mean;
                mean += delta / n;
                squares += delta * (value - mean);
            }
            return new Summary(n, n == 0 ? Double.NaN : mean, n < 2 ? Double.NaN : squares / (n - 1));
        }
    }

    public static Rates rates(long treatedCount, long treatedN, long heldOutCount, long heldOutN, int minimumN) {
        Double treatedPercent = treatedN == 0 ? null : 100.0 * treatedCount / treatedN;
        Double heldOutPercent = heldOutN == 0 ? null : 100.0 * heldOutCount / heldOutN;
        if (treatedN < minimumN || heldOutN < minimumN) {
            return new Rates("not-enough-data", treatedN, treatedCount, treatedPercent, heldOutN, heldOutCount,
                    heldOutPercent, null, null, null, null, null, null, null);
        }
        double p1 = (double) treatedCount / treatedN;
        double p2 = (double) heldOutCount / heldOutN;
        double difference = p1 - p2;
        var wilson1 = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(treatedN),
                Math.toIntExact(treatedCount), ALPHA);
        var wilson2 = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(heldOutN),
                Math.toIntExact(heldOutCount), ALPHA);
        double lower = difference - Math.sqrt(square(p1 - wilson1.getLowerBound()) + square(wilson2.getUpperBound() - p2));
        double upper = difference + Math.sqrt(square(wilson1.getUpperBound() - p1) + square(p2 - wilson2.getLowerBound()));
        double pooled = (double) (treatedCount + heldOutCount) / (treatedN + heldOutN);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / treatedN + 1.0 / heldOutN));
        Double z = standardError == 0 ? null : difference / standardError;
        Double pValue = z == null ? null : 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z));
        return new Rates("ok", treatedN, treatedCount, 100 * p1, heldOutN, heldOutCount, 100 * p2, 100 * difference,
                100 * lower, 100 * upper, p2 == 0 ? null : 100 * difference / p2, z, pValue,
                "two-proportion z-test (pooled); Newcombe hybrid score interval");
    }

    public static Means means(Summary treated, Summary heldOut, String unit, int minimumN) {
        Double treatedMean = treated.n() == 0 ? null : treated.mean();
        Double heldOutMean = heldOut.n() == 0 ? null : heldOut.mean();
        boolean enough = treated.n() >= Math.max(2, minimumN) && heldOut.n() >= Math.max(2, minimumN);
        if (!enough || treated.variance() + heldOut.variance() == 0) {
            return new Means(enough ? "no-variance" : "not-enough-data", unit, treated.n(), treatedMean, heldOut.n(),
                    heldOutMean, null, null, null, null, null, null, null);
        }
        var welch = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(treated.mean(), treated.variance(), treated.n(), heldOut.mean(),
                heldOut.variance(), heldOut.n());
        double difference = treated.mean() - heldOut.mean();
        double standardError = Math.sqrt(treated.variance() / treated.n() + heldOut.variance() / heldOut.n());
        double t = TDistribution.of(welch.getDegreesOfFreedom()).inverseSurvivalProbability(ALPHA / 2);
        return new Means("ok", unit, treated.n(), treatedMean, heldOut.n(), heldOutMean, difference,
                difference - t * standardError, difference + t * standardError, welch.getStatistic(),
                welch.getDegreesOfFreedom(), welch.getPValue(), "Welch's t-test; Welch–Satterthwaite interval");
    }

    private static double square(double x) {
        return x * x;
    }
}
