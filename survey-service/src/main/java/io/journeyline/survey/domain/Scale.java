package io.journeyline.survey.domain;

import io.journeyline.contract.vocabulary.SurveyKind;

import java.math.BigDecimal;
import java.util.Optional;

/** The scale of each survey kind's headline question (DOMAIN.md): NPS 0–10, CSAT 1–5, CES 1–7 (7 = very easy). */
public final class Scale {
    private Scale() {
    }

    /** Why {@code score} is not an answer on {@code kind}'s scale, or empty if it is. CUSTOM takes any number. */
    public static Optional<String> violation(SurveyKind kind, BigDecimal score) {
        int[] range = switch (kind) {
            case NPS -> new int[]{0, 10};
            case CSAT -> new int[]{1, 5};
            case CES -> new int[]{1, 7};
            case CUSTOM -> null;
        };
        if (range == null) {
            return Optional.empty();
        }
        if (score.compareTo(BigDecimal.valueOf(range[0])) < 0 || score.compareTo(BigDecimal.valueOf(range[1])) > 0) {
            return Optional.of(kind + " scores run from " + range[0] + " to " + range[1]);
        }
        if (score.stripTrailingZeros().scale() > 0) {
            return Optional.of(kind + " scores are whole numbers");
        }
        return Optional.empty();
    }
}
