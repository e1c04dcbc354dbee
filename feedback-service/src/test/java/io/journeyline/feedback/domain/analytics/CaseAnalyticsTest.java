package io.journeyline.feedback.domain.analytics;

import io.journeyline.feedback.domain.analytics.CaseAnalytics.Recovery;
import io.journeyline.feedback.domain.analytics.CaseAnalytics.SlaCompliance;
import io.journeyline.feedback.domain.analytics.CaseAnalytics.Timing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseAnalyticsTest {

    @Test
    void recoveryCountsOnlyVerifiedOutcomesInItsN() {
        Recovery recovery = Recovery.of("BILLING_FEES", 3, 1, 5, 2);   // 5 without a follow-up, 2 still awaiting it
        assertThat(recovery.n()).isEqualTo(4);
        assertThat(recovery.recoveryRate()).isEqualTo(0.75);
        assertThat(Recovery.of("DELIVERY", 0, 0, 4, 1).recoveryRate()).as("no verified outcome: no rate, not 0").isNull();
    }

    @Test
    void complianceIsOverDecidedClocksOnly() {
        SlaCompliance sla = SlaCompliance.of("ACKNOWLEDGE", 9, 1, 7);   // 7 still running within their target
        assertThat(sla.n()).isEqualTo(10);
        assertThat(sla.compliance()).isEqualTo(0.9);
        assertThat(SlaCompliance.of("RESOLVE", 0, 0, 3).compliance()).isNull();
    }

    @Test
    void aMedianIsShownInSecondsAndAsAnIsoDuration() {
        assertThat(Timing.of(3, 7200.4)).isEqualTo(new Timing(3, 7200.4, "PT2H"));
        assertThat(Timing.of(0, null)).isEqualTo(new Timing(0, null, null));
    }
}
