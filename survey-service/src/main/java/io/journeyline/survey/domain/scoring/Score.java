package io.journeyline.survey.domain.scoring;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.NormalConfidenceInterval;

/**
 * A headline score with its n and confidence interval, in its own unit — never a bare number:
 * <ul>
 *   <li>NPS: % promoters − % detractors, in points from −100 to +100; interval from the normal approximation of the
 *       difference of two multinomial shares, Var = (p<sub>P</sub> + p<sub>D</sub> − (p<sub>P</sub> − p<sub>D</sub>)²) / n;</li>
 *   <li>CSAT: the share satisfied (4–5) in percent, Wilson score interval; the mean is reported apart
 *       ({@link #mean}), labelled;</li>
 *   <li>CES and Likert items: the mean on the scale, Student's t interval.</li>
 * </ul>
 * The intervals come from Apache Commons Statistics; below two answers there is no interval.
 *
 * @param measure  what {@code value} is: {@code nps}, {@code percent-satisfied} or {@code mean}
 * @param unit     {@code points (-100..100)}, {@code percent}, or the scale ({@code 1-7})
 * @param interval null below two answers
 */
public record Score(String measure, String unit, long n, double value, Interval interval) {

    /** A two-sided interval and how it was made. */
    public record Interval(double lower, double upper, double confidence, String method) {
    }

    /** The headline score of answers on {@code scale} at {@code confidence} (e.g. 0.95). */
    public static Score headline(RatingScale scale, Answers answers, double confidence) {
        return switch (scale) {
            case NPS -> nps(answers, confidence);
            case CSAT -> percentSatisfied(answers, confidence);
            case CES, LIKERT -> mean(scale, answers, confidence);
        };
    }

    public static Score nps(Answers answers, double confidence) {
        long n = answers.n();
        double promoters = (double) answers.top() / n;
        double detractors = (double) answers.bottom() / n;
        double nps = 100 * (promoters - detractors);
        Interval interval = null;
        if (n >= 2) {
            double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidence) / 2);
            double standardError = 100 * Math.sqrt((promoters + detractors - Math.pow(promoters - detractors, 2)) / n);
            interval = new Interval(Math.max(-100, nps - z * standardError), Math.min(100, nps + z * standardError),
                    confidence, "normal approximation");
        }
        return new Score("nps", "points (-100..100)", n, nps, interval);
    }

    public static Score percentSatisfied(Answers answers, double confidence) {
        long n = answers.n();
        Interval interval = null;
        if (n >= 2) {
            var wilson = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(Math.toIntExact(n),
                    Math.toIntExact(answers.top()), 1 - confidence);
            interval = new Interval(100 * wilson.getLowerBound(), 100 * wilson.getUpperBound(), confidence, "Wilson score");
        }
        return new Score("percent-satisfied", "percent", n, 100.0 * answers.top() / n, interval);
    }

    public static Score mean(RatingScale scale, Answers answers, double confidence) {
        long n = answers.n();
        Interval interval = null;
        if (n >= 2) {
            var t = NormalConfidenceInterval.MEAN.fromErrorRate(answers.mean(), answers.variance(), n, 1 - confidence);
            interval = new Interval(t.getLowerBound(), t.getUpperBound(), confidence, "Student's t");
        }
        return new Score("mean", scale.min() + "-" + scale.max(), n, answers.mean(), interval);
    }
}
