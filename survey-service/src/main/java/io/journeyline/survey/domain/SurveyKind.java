package io.journeyline.survey.domain;

import java.math.BigDecimal;
import java.util.Optional;

/** Survey kinds and the scale of their headline question (DOMAIN.md). */
public enum SurveyKind {
    /** "How likely are you to recommend us?" 0–10, whole numbers. */
    NPS(0, 10, true),
    /** Satisfaction 1–5, whole numbers. */
    CSAT(1, 5, true),
    /** Customer effort 1–7 (7 = very easy), whole numbers. */
    CES(1, 7, true),
    /** A survey of the company's own design; any number. */
    CUSTOM(null, null, false);

    private final Integer min;
    private final Integer max;
    private final boolean wholeNumbers;

    SurveyKind(Integer min, Integer max, boolean wholeNumbers) {
        this.min = min;
        this.max = max;
        this.wholeNumbers = wholeNumbers;
    }

    /** Why {@code score} is not an answer on this kind's scale, or empty if it is. */
    public Optional<String> scaleViolation(BigDecimal score) {
        if (min != null && (score.compareTo(BigDecimal.valueOf(min)) < 0 || score.compareTo(BigDecimal.valueOf(max)) > 0)) {
            return Optional.of(name() + " scores run from " + min + " to " + max);
        }
        if (wholeNumbers && score.stripTrailingZeros().scale() > 0) {
            return Optional.of(name() + " scores are whole numbers");
        }
        return Optional.empty();
    }
}
