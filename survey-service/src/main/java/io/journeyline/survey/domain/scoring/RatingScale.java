package io.journeyline.survey.domain.scoring;

import io.journeyline.contract.vocabulary.SurveyKind;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The scales of DOMAIN.md: NPS 0–10 (promoters 9–10, detractors 0–6), CSAT 1–5 (satisfied 4–5), CES 1–7 (7 = very
 * easy) and the Likert items of custom surveys, 1–5. The boxes are what the headline scores count.
 */
public enum RatingScale {
    NPS(0, 10, 9, 6),
    CSAT(1, 5, 4, Double.NEGATIVE_INFINITY),
    CES(1, 7, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
    LIKERT(1, 5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    private final int min;
    private final int max;
    private final double topFrom;
    private final double bottomTo;

    RatingScale(int min, int max, double topFrom, double bottomTo) {
        this.min = min;
        this.max = max;
        this.topFrom = topFrom;
        this.bottomTo = bottomTo;
    }

    /** The scale of a survey kind's headline item; CUSTOM surveys rate on Likert items. */
    public static RatingScale of(SurveyKind kind) {
        return switch (kind) {
            case NPS -> NPS;
            case CSAT -> CSAT;
            case CES -> CES;
            case CUSTOM -> LIKERT;
        };
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The lowest answer in the top box (promoters, satisfied); +∞ on scales without one. */
    public double topFrom() {
        return topFrom;
    }

    /** The highest answer in the bottom box (detractors); −∞ on scales without one. */
    public double bottomTo() {
        return bottomTo;
    }

    public boolean isTop(double score) {
        return score >= topFrom;
    }

    public boolean isBottom(double score) {
        return score <= bottomTo;
    }

    /** Whether {@code score} is an answer on this scale: a whole number from min to max. */
    public boolean accepts(double score) {
        return score >= min && score <= max && score == Math.rint(score);
    }

    /**
     * Why {@code score} is not an answer to {@code kind}'s headline item, or empty if it is. A response recorded as
     * collected elsewhere with kind CUSTOM may carry any number (its scale is the other system's).
     */
    public static Optional<String> violation(SurveyKind kind, BigDecimal score) {
        if (kind == SurveyKind.CUSTOM) {
            return Optional.empty();
        }
        RatingScale scale = of(kind);
        if (score.compareTo(BigDecimal.valueOf(scale.min)) < 0 || score.compareTo(BigDecimal.valueOf(scale.max)) > 0) {
            return Optional.of(kind + " scores run from " + scale.min + " to " + scale.max);
        }
        if (score.stripTrailingZeros().scale() > 0) {
            return Optional.of(kind + " scores are whole numbers");
        }
        return Optional.empty();
    }
}
