package io.journeyline.journey.domain;

import io.journeyline.journey.domain.HealthScore.Part;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The health score adds up its parts, worked by hand with the documented default weights. */
class HealthScoreTest {
    private static final HealthScore.Weights DEFAULTS = new HealthScore.Weights(
            Map.of("LOW", 5, "NORMAL", 10, "HIGH", 20, "CRITICAL", 30), 20, 5, 15, 5, 10, 15, 50, 5, 20, 80, 50);

    @Test
    void aCustomerWithNothingWrongIsAHealthy100WithNoParts() {
        HealthScore.Score score = HealthScore.of(new HealthScore.Facts(List.of(), 10.0, 5.0, 7.0, "LOYAL",
                Map.of("billing", 1L)), DEFAULTS);

        assertThat(score.score()).isEqualTo(100);
        assertThat(score.band()).isEqualTo("healthy");
        assertThat(score.parts()).isEmpty();
    }

    @Test
    void everyDeductionIsShownWithItsReason() {
        // 100 − (10 + 20) open pain points − 5 passive NPS − 15 CSAT 2 − 10 CES 3 − 15 AT_RISK − 15 (3 repeat contacts) = 10
        HealthScore.Score score = HealthScore.of(new HealthScore.Facts(List.of("NORMAL", "HIGH"), 8.0, 2.0, 3.0,
                "AT_RISK", Map.of("returns", 3L, "billing", 2L)), DEFAULTS);

        assertThat(score.parts()).containsExactly(
                new Part("open pain points", 20, "1 open HIGH"),
                new Part("open pain points", 10, "1 open NORMAL"),
                new Part("latest NPS", 5, "passive (8)"),
                new Part("latest CSAT", 15, "dissatisfied (2 of 5)"),
                new Part("latest CES", 10, "high effort (3 of 7)"),
                new Part("stage", 15, "AT_RISK"),
                new Part("repeat contacts", 15, "3 contacts beyond the first on a topic"));
        assertThat(score.score()).isEqualTo(10);
        assertThat(score.band()).isEqualTo("at-risk");
    }

    @Test
    void theScoreNeverGoesBelowZeroAndRepeatContactsAreCapped() {
        HealthScore.Score score = HealthScore.of(new HealthScore.Facts(List.of("CRITICAL", "CRITICAL", "CRITICAL",
                "CRITICAL"), 0.0, null, null, "CHURNED", Map.of("returns", 40L)), DEFAULTS);

        assertThat(score.score()).isZero();
        assertThat(score.parts()).filteredOn(part -> part.factor().equals("repeat contacts"))
                .singleElement().extracting(Part::points).isEqualTo(20);
    }
}
