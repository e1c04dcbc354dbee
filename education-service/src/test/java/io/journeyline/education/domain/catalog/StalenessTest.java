package io.journeyline.education.domain.catalog;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StalenessTest {
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T10:00:00Z");
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void reviewedWithinThirtyDaysAndBeforeItsDateIsFresh() {
        assertThat(Staleness.reasons(content(LocalDate.parse("2026-12-31"), NOW.minusDays(29)), NOW, THIRTY_DAYS)).isEmpty();
    }

    @Test
    void aPassedReviewDateAndAnOldReviewAreEachAReason() {
        assertThat(Staleness.reasons(content(LocalDate.parse("2026-11-29"), NOW.minusDays(31)), NOW, THIRTY_DAYS))
                .containsExactly("its review was due on 2026-11-29", "last reviewed 2026-10-30, more than 30 days ago");
        assertThat(Staleness.reasons(content(LocalDate.parse("2026-11-30"), NOW.minusDays(1)), NOW, THIRTY_DAYS))
                .as("due today is not overdue yet").isEmpty();
    }

    @Test
    void aContentGapOnItsTopicSinceItsLastReviewIsAReason() {
        Content content = content(LocalDate.parse("2026-12-31"), NOW.minusDays(10));
        List<Staleness.GapSeen> gaps = List.of(new Staleness.GapSeen("wifi", NOW.minusDays(2), 5),
                new Staleness.GapSeen("wifi", NOW.minusDays(20), 7),         // before the review: dealt with
                new Staleness.GapSeen("billing", NOW.minusDays(1), 9));      // another topic
        assertThat(Staleness.reasons(content, NOW, THIRTY_DAYS, gaps))
                .containsExactly("a content gap on wifi: 5 customers misunderstood it (found 2026-11-28)");
    }

    private static Content content(LocalDate reviewBy, OffsetDateTime reviewedAt) {
        return new Content("c-1", "article", "BASIC", Map.of("en", "Wi-Fi setup"), null, List.of("wifi"),
                List.of("ONBOARDING"), List.of("en"), List.of("app"), 5, "docs-team", reviewBy, 1, reviewedAt, reviewedAt);
    }
}
