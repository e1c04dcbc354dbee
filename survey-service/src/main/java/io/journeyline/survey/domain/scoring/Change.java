package io.journeyline.survey.domain.scoring;

/**
 * How a score moved from one period to the next, in two labelled units that must not be confused (DOMAIN.md):
 * {@code absolute} in the score's own unit — NPS points, <b>percentage points</b> for a share, scale points for a
 * mean — and {@code relativePercent}, (after − before) / |before| × 100. 80 % → 95 % satisfied is +15 percentage
 * points but +18.75 % relative.
 *
 * @param absoluteUnit    {@code NPS points}, {@code percentage points} or {@code scale points}
 * @param relativePercent null when the earlier score is 0
 */
public record Change(double absolute, String absoluteUnit, Double relativePercent) {

    public static Change between(Score before, Score after) {
        String unit = switch (after.measure()) {
            case "nps" -> "NPS points";
            case "percent-satisfied" -> "percentage points";
            default -> "scale points";
        };
        double absolute = after.value() - before.value();
        return new Change(absolute, unit, before.value() == 0 ? null : 100 * absolute / Math.abs(before.value()));
    }
}
