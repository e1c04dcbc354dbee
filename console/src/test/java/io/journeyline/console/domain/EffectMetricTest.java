package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EffectMetricTest {
    @Test
    void threeMeasuresEachWithTheTotalFirstAndTheReportsOwnFigures() {
        Map<String, Object> notEnough = new HashMap<>(Map.of("status", "not-enough-data", "treatedN", 37, "heldOutN", 2));
        notEnough.put("method", null);
        Map<String, Object> total = Map.of("key", "all", "treated", 139, "heldOut", 13,
                "recurrence", Map.of("status", "ok", "differencePp", -8.75, "lower95Pp", -18.27612345,
                        "upper95Pp", -0.9812345678901234, "pValue", 0.0021234),
                "csatChange", notEnough, "npsChange", notEnough);
        Map<String, Object> rule = Map.of("key", "PP-LOW-CSAT", "treated", 10, "heldOut", 3,
                "recurrence", Map.of("status", "not-enough-data"), "csatChange", notEnough, "npsChange", notEnough);
        List<EffectMetric> metrics = EffectMetric.of(Map.of("total", total, "groups", List.of(rule)));

        assertThat(metrics).extracting(EffectMetric::name).containsExactly("recurrence", "csatChange", "npsChange");
        EffectMetric recurrence = metrics.get(0);
        assertThat(recurrence.rates()).isTrue();
        assertThat(recurrence.rows()).extracting(EffectMetric.Row::key).containsExactly("all", "PP-LOW-CSAT");
        assertThat(recurrence.rows().get(0).total()).isTrue();
        assertThat(recurrence.rows().get(0).figures()).containsEntry("differencePp", -8.75);
        assertThat(recurrence.rows().get(1).status()).isEqualTo("not-enough-data");
        IntervalChart.Row drawn = recurrence.chart().rows().get(0);
        assertThat(drawn.estimate()).isEqualTo(-8.75);
        assertThat(drawn.lower()).isEqualTo(-18.27612345);
        assertThat(drawn.upper()).isEqualTo(-0.9812345678901234);
        assertThat(recurrence.chart().rows().get(1).drawn()).isFalse();
        assertThat(metrics.get(1).rates()).isFalse();
        assertThat(metrics.get(1).chart().rows()).noneMatch(IntervalChart.Row::drawn);
    }

    @Test
    void aReportWithoutGroupsHasItsTotalOnly() {
        List<EffectMetric> metrics = EffectMetric.of(Map.of("total", Map.of("key", "all"), "groups", List.of()));
        assertThat(metrics.get(0).rows()).hasSize(1);
    }
}
