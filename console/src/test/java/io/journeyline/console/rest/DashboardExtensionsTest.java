package io.journeyline.console.rest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardExtensionsTest {
    @Test
    void figuresAreRoundedForReadingAndKeptWholeForTheTests() {
        assertThat(DashboardExtensions.round(36.18421052631579, 1)).isEqualTo("36.2");
        assertThat(DashboardExtensions.round(-8.75, 1)).isEqualTo("−8.8");
        assertThat(DashboardExtensions.round(100, 1)).isEqualTo("100");
        assertThat(DashboardExtensions.round(null, 1)).isEmpty();
        assertThat(DashboardExtensions.raw(1.734723475976807e-16)).isEqualTo("1.734723475976807E-16");
        assertThat(Double.parseDouble(DashboardExtensions.raw(0.18918918918918928))).isEqualTo(0.18918918918918928);
        assertThat(DashboardExtensions.raw(152)).isEqualTo("152");
        assertThat(DashboardExtensions.raw("x")).isEmpty();
    }

    @Test
    void pValuesBelowAThousandthAreShownAsSuch() {
        assertThat(DashboardExtensions.p(0.0455)).isEqualTo("0.046");
        assertThat(DashboardExtensions.p(0.0004)).isEqualTo("< 0.001");
        assertThat(DashboardExtensions.p(null)).isEmpty();
    }

    @Test
    void fractionsInPerCentAndDurations() {
        assertThat(DashboardExtensions.percent(0.25)).isEqualTo(25.0);
        assertThat(DashboardExtensions.percent(null)).isNull();
        assertThat(DashboardExtensions.iso(5434665.588)).isEqualTo("PT1509H37M45.588S");
        assertThat(DashboardExtensions.iso("PT3H")).isEqualTo("PT3H");
    }

    @Test
    void aPeriodEndingAtMidnightEndsTheDayBefore() {
        assertThat(DashboardExtensions.until("2026-12-01T00:00:00Z")).isEqualTo("2026-11-30");
        assertThat(DashboardExtensions.until("2026-12-06T02:10:53.033446392Z")).isEqualTo("2026-12-06");
        assertThat(DashboardExtensions.day("2026-09-07T02:10:53.033446392Z")).isEqualTo("2026-09-07");
    }

    @Test
    void aTitleInTheReadersLanguageElseTheFirst() {
        assertThat(DashboardExtensions.inLanguage(Map.of("en", "Wi-Fi setup"), "zh")).isEqualTo("Wi-Fi setup");
        assertThat(DashboardExtensions.inLanguage(Map.of("zh", "无线设置"), "zh")).isEqualTo("无线设置");
        assertThat(DashboardExtensions.any(Map.of())).isFalse();
        assertThat(DashboardExtensions.any(Map.of("duplicate", 9))).isTrue();
        assertThat(DashboardExtensions.any(List.of())).isFalse();
    }

    @Test
    void aChoiceNotOfferedFallsBackToTheFirst() {
        assertThat(DashboardResource.pick(DashboardResource.EFFECT_BY, null)).isEqualTo("rule");
        assertThat(DashboardResource.pick(DashboardResource.EFFECT_BY, "period")).isEqualTo("period");
        assertThat(DashboardResource.pick(DashboardResource.EFFECT_BY, "month")).isEqualTo("rule");
    }
}
