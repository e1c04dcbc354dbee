package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known answers worked out by hand: the plot spans x = 190 (LEFT) to x = 616 (WIDTH − RIGHT), 426 pixels. */
class IntervalChartTest {
    private static final double LEFT = IntervalChart.LEFT;
    private static final double RIGHT = IntervalChart.WIDTH - IntervalChart.RIGHT;

    @Test
    void aDifferenceOfZeroFromMinusTenToTenSitsOnTheZeroLineInTheMiddle() {
        IntervalChart chart = IntervalChart.differences(List.of(
                new IntervalChart.Estimate("all", 0.0, -10.0, 10.0, "ok")), "all");
        assertThat(chart.scale().min()).isEqualTo(-10);
        assertThat(chart.scale().max()).isEqualTo(10);
        IntervalChart.Row row = chart.rows().get(0);
        assertThat(row.x()).isEqualTo((LEFT + RIGHT) / 2).isEqualTo(403);
        assertThat(chart.zeroX()).isEqualTo(403);
        assertThat(row.x1()).isEqualTo(LEFT);
        assertThat(row.x2()).isEqualTo(RIGHT);
        assertThat(row.total()).isTrue();
    }

    @Test
    void theAxisTakesInZeroAndEveryIntervalAndEachPointLandsInProportion() {
        // −8.75 [−18.3, −1.0]: with zero, the range −18.3..0 widens to −20..0 (steps of 5);
        // −8.75 is 11.25 of 20 from the left: 190 + 426 × 11.25 / 20 = 429.625 → 429.6
        IntervalChart chart = IntervalChart.differences(List.of(
                new IntervalChart.Estimate("PP-A", -8.75, -18.3, -1.0, "ok")), "all");
        assertThat(chart.scale().min()).isEqualTo(-20);
        assertThat(chart.scale().max()).isEqualTo(0);
        IntervalChart.Row row = chart.rows().get(0);
        assertThat(row.x()).isEqualTo(429.6);
        // −18.3 is 1.7 of 20 from the left: 190 + 426 × 0.085 = 226.21; −1 is 19 of 20: 190 + 404.7
        assertThat(row.x1()).isEqualTo(226.2);
        assertThat(row.x2()).isEqualTo(594.7);
        assertThat(chart.zeroX()).isEqualTo(RIGHT);
        assertThat(row.total()).isFalse();
    }

    @Test
    void aGroupWithoutAnEstimateIsListedButNotDrawn() {
        IntervalChart chart = IntervalChart.differences(List.of(
                new IntervalChart.Estimate("all", 2.0, -1.0, 5.0, "ok"),
                new IntervalChart.Estimate("PP-B", null, null, null, "not-enough-data")), "all");
        assertThat(chart.rows()).hasSize(2);
        IntervalChart.Row missing = chart.rows().get(1);
        assertThat(missing.drawn()).isFalse();
        assertThat(missing.hasInterval()).isFalse();
        assertThat(missing.status()).isEqualTo("not-enough-data");
        // the rows are ROW pixels apart, centred; the axis below the last
        assertThat(chart.rows().get(0).y()).isEqualTo(IntervalChart.TOP + IntervalChart.ROW / 2.0);
        assertThat(missing.y()).isEqualTo(IntervalChart.TOP + 1.5 * IntervalChart.ROW);
        assertThat(chart.axisY()).isEqualTo(IntervalChart.TOP + 2 * IntervalChart.ROW);
        assertThat(chart.height()).isEqualTo(IntervalChart.TOP + 2 * IntervalChart.ROW + IntervalChart.BOTTOM);
    }

    @Test
    void withNothingToDrawTheAxisStillRunsAroundZero() {
        IntervalChart chart = IntervalChart.differences(List.of(
                new IntervalChart.Estimate("all", null, null, null, "not-enough-data")), "all");
        assertThat(chart.scale().min()).isEqualTo(-1);
        assertThat(chart.scale().max()).isEqualTo(1);
        assertThat(chart.zeroX()).isEqualTo(403);
        assertThat(chart.ticks()).extracting(IntervalChart.Tick::label).containsExactly("−1", "−0.5", "0", "0.5", "1");
    }

    @Test
    void sharesRunFromZeroToAHundredPercentWithoutAZeroLine() {
        IntervalChart chart = IntervalChart.percentages(List.of(
                new IntervalChart.Estimate("all", 50.0, 25.0, 100.0, null)), "all");
        IntervalChart.Row row = chart.rows().get(0);
        assertThat(row.x()).isEqualTo(403);              // 50 % in the middle
        assertThat(row.x1()).isEqualTo(296.5);           // 190 + 426 / 4
        assertThat(row.x2()).isEqualTo(RIGHT);
        assertThat(chart.hasZero()).isFalse();
        assertThat(chart.ticks()).extracting(IntervalChart.Tick::label)
                .containsExactly("0", "20", "40", "60", "80", "100");
    }
}
