package io.journeyline.education.domain.catalog;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a content item needs a review (DOMAIN.md: stale when not reviewed for 30 days, or its review date has passed;
 * and when journey-service found a content gap on its topic since its last review): every reason that holds, empty
 * when none does. Pure.
 */
public final class Staleness {
    private Staleness() {
    }

    /** A content gap on one of the content's topics: when it was found, and about what. */
    public record GapSeen(String topic, OffsetDateTime detectedAt, int customers) {
    }

    /**
     * Every reason: a passed review date, no review for the interval, and each content gap on one of its topics
     * found after its last review.
     */
    public static List<String> reasons(Content content, OffsetDateTime now, Duration reviewInterval,
                                       List<GapSeen> gaps) {
        List<String> reasons = reasons(content, now, reviewInterval);
        gaps.stream()
                .filter(gap -> content.topics().contains(gap.topic()) && gap.detectedAt().isAfter(content.reviewedAt()))
                .forEach(gap -> reasons.add("a content gap on " + gap.topic() + ": " + gap.customers()
                        + " customers misunderstood it (found " + gap.detectedAt().toLocalDate() + ")"));
        return reasons;
    }

    public static List<String> reasons(Content content, OffsetDateTime now, Duration reviewInterval) {
        List<String> reasons = new ArrayList<>();
        if (content.reviewBy() != null && content.reviewBy().isBefore(LocalDate.ofInstant(now.toInstant(), now.getOffset()))) {
            reasons.add("its review was due on " + content.reviewBy());
        }
        if (content.reviewedAt().plus(reviewInterval).isBefore(now)) {
            reasons.add("last reviewed " + content.reviewedAt().toLocalDate() + ", more than " + reviewInterval.toDays()
                    + " days ago");
        }
        return reasons;
    }
}
