package io.journeyline.journey.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A customer's health as 100 minus named deductions, each shown with its reason, never as an opaque number: open
 * pain points by severity, the latest NPS / CSAT / CES, the stage, and repeated contacts. The weights are
 * configuration ({@code journeyline.health.*}); the score is clamped to 0–100.
 */
public final class HealthScore {

    /** What each signal costs. */
    public record Weights(Map<String, Integer> openPainPointBySeverity, int npsDetractor, int npsPassive,
                          int csatLow, int csatNeutral, int cesHigh, int atRisk, int churned, int perRepeatContact,
                          int repeatContactMax, int healthyFrom, int watchFrom) {
    }

    /** One deduction: what, how many points, and the facts behind it. */
    public record Part(String factor, int points, String detail) {
    }

    /** The score, its band (healthy, watch, at-risk) and its parts; the parts add up to 100 − score (before clamping). */
    public record Score(int score, String band, List<Part> parts) {
    }

    /** The facts the score is computed from. {@code contactsByTopic}: contacts per topic in the recent window. */
    public record Facts(List<String> openPainPointSeverities, Double latestNps, Double latestCsat, Double latestCes,
                        String stage, Map<String, Long> contactsByTopic) {
    }

    private HealthScore() {
    }

    public static Score of(Facts facts, Weights weights) {
        List<Part> parts = new ArrayList<>();
        Map<String, Long> bySeverity = new java.util.TreeMap<>();
        facts.openPainPointSeverities().forEach(severity -> bySeverity.merge(severity, 1L, Long::sum));
        bySeverity.forEach((severity, count) -> parts.add(new Part("open pain points",
                (int) (count * weights.openPainPointBySeverity().getOrDefault(severity, 0)),
                count + " open " + severity)));
        if (facts.latestNps() != null) {
            if (facts.latestNps() <= 6) {
                parts.add(new Part("latest NPS", weights.npsDetractor(), "detractor (" + number(facts.latestNps()) + ")"));
            } else if (facts.latestNps() <= 8) {
                parts.add(new Part("latest NPS", weights.npsPassive(), "passive (" + number(facts.latestNps()) + ")"));
            }
        }
        if (facts.latestCsat() != null) {
            if (facts.latestCsat() <= 2) {
                parts.add(new Part("latest CSAT", weights.csatLow(), "dissatisfied (" + number(facts.latestCsat()) + " of 5)"));
            } else if (facts.latestCsat() < 4) {
                parts.add(new Part("latest CSAT", weights.csatNeutral(), "neutral (" + number(facts.latestCsat()) + " of 5)"));
            }
        }
        if (facts.latestCes() != null && facts.latestCes() <= 3) {
            parts.add(new Part("latest CES", weights.cesHigh(), "high effort (" + number(facts.latestCes()) + " of 7)"));
        }
        if ("AT_RISK".equals(facts.stage())) {
            parts.add(new Part("stage", weights.atRisk(), "AT_RISK"));
        } else if ("CHURNED".equals(facts.stage())) {
            parts.add(new Part("stage", weights.churned(), "CHURNED"));
        }
        long repeats = facts.contactsByTopic().values().stream().mapToLong(count -> Math.max(0, count - 1)).sum();
        if (repeats > 0) {
            parts.add(new Part("repeat contacts", (int) Math.min(weights.repeatContactMax(),
                    repeats * weights.perRepeatContact()), repeats + " contacts beyond the first on a topic"));
        }
        parts.removeIf(part -> part.points() == 0);
        int score = Math.max(0, Math.min(100, 100 - parts.stream().mapToInt(Part::points).sum()));
        String band = score >= weights.healthyFrom() ? "healthy" : score >= weights.watchFrom() ? "watch" : "at-risk";
        return new Score(score, band, List.copyOf(parts));
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
