package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportPeriodTest {
    @Test
    void bothDaysAreIncluded() {
        ReportPeriod period = ReportPeriod.of("2026-11-01", "2026-11-30");
        assertThat(period.query()).containsEntry("from", "2026-11-01T00:00:00Z").containsEntry("to", "2026-12-01T00:00:00Z");
        assertThat(period.link()).isEqualTo("?from=2026-11-01&to=2026-11-30");
    }

    @Test
    void leftEmptyEachReportTakesItsOwnWindow() {
        ReportPeriod period = ReportPeriod.of(" ", null);
        assertThat(period.query()).isEmpty();
        assertThat(period.link()).isEmpty();
    }

    @Test
    void anythingElseGoesToTheServiceAsTyped() {
        assertThat(ReportPeriod.of("2026-11-01T09:30:00+01:00", null).query())
                .containsEntry("from", "2026-11-01T09:30:00+01:00");
        assertThat(ReportPeriod.of("yesterday", null).query()).containsEntry("from", "yesterday");
        assertThat(ReportPeriod.of(null, "2026-12-31").link()).isEqualTo("?to=2026-12-31");
    }
}
