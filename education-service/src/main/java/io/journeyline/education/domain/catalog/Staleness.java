package io.journeyline.education.domain.catalog;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a content item needs a review (DOMAIN.md: stale when not reviewed for 30 days, or its review date has passed):
 * every reason that holds, empty when none does. Pure.
 */
public final class Staleness {
    private Staleness() {
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
