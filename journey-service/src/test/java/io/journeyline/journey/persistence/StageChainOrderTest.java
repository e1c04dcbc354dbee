package io.journeyline.journey.persistence;

import io.journeyline.journey.persistence.StageRepository.Change;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage changes of one instant (one event moving a customer through several stages) come back from the table in no
 * particular order; the history shows them in the order they happened, each leaving the stage the one before entered.
 */
class StageChainOrderTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-03T08:00:00Z");

    private static Change change(String from, String to, OffsetDateTime at) {
        return new Change("c-1", from, to, at, "ev-" + at.getMinute());
    }

    @Test
    void aFirstPurchaseEntersAwarenessThenPurchaseWhateverOrderTheRowsCameIn() {
        Change awareness = change(null, "AWARENESS", T0);
        Change purchase = change("AWARENESS", "PURCHASE", T0);
        Change onboarding = change("PURCHASE", "ONBOARDING", T0.plusMinutes(5));

        assertThat(StageRepository.inChainOrder(List.of(purchase, awareness, onboarding)))
                .containsExactly(awareness, purchase, onboarding);
        assertThat(StageRepository.inChainOrder(List.of(awareness, purchase, onboarding)))
                .containsExactly(awareness, purchase, onboarding);
    }

    @Test
    void aTruncatedHistoryStartsItsTiedChangesWhereTheirChainStarts() {
        // the latest changes only: the first shown leaves a stage entered earlier, not shown
        Change usage = change("ONBOARDING", "USAGE", T0);
        Change atRisk = change("USAGE", "AT_RISK", T0);
        Change service = change("AT_RISK", "SERVICE", T0);

        assertThat(StageRepository.inChainOrder(List.of(service, atRisk, usage))).containsExactly(usage, atRisk, service);
    }

    @Test
    void changesOfDifferentInstantsKeepTheirTimeOrder() {
        Change first = change(null, "AWARENESS", T0);
        Change second = change("AWARENESS", "AT_RISK", T0.plusMinutes(1));
        Change third = change("AT_RISK", "AWARENESS", T0.plusMinutes(2));

        assertThat(StageRepository.inChainOrder(List.of(first, second, third))).containsExactly(first, second, third);
    }
}
