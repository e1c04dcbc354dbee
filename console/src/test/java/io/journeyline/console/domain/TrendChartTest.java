package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Known answers worked out by hand: the plot spans y = 210 (bottom) to 10 (top), x = 48 to 624 (576 pixels). */
class TrendChartTest {
    private static final double BOTTOM = TrendChart.TOP + TrendChart.PLOT_HEIGHT;

    @Test
    void aScoreAtTheMiddleOfItsRangeIsDrawnHalfWayUp() {
        TrendChart chart = TrendChart.of(List.of(new TrendChart.Value("2026-11-30", 0.0, -50.0, 50.0)), -100, 100);
        TrendChart.Point point = chart.points().get(0);
        assertThat(point.y()).isEqualTo((BOTTOM + TrendChart.TOP) / 2).isEqualTo(110);
        assertThat(point.y1()).isEqualTo(160);   // −50: a quarter of the way up
        assertThat(point.y2()).isEqualTo(60);    // 50: three quarters
        assertThat(point.x()).isEqualTo(336);    // one period: the middle of 48..624
    }

    @Test
    void periodsShareTheWidthAndTheLineJoinsTheirPoints() {
        // four periods of 144 pixels each: centres at 48 + 72, + 216, + 360, + 504
        TrendChart chart = TrendChart.of(List.of(new TrendChart.Value("a", 0.0, null, null),
                new TrendChart.Value("b", 100.0, 90.0, 100.0), new TrendChart.Value("c", null, null, null),
                new TrendChart.Value("d", 50.0, 20.0, 80.0)), 0, 100);
        assertThat(chart.points()).extracting(TrendChart.Point::x).containsExactly(120.0, 264.0, 408.0, 552.0);
        assertThat(chart.points().get(0).y()).isEqualTo(BOTTOM);
        assertThat(chart.points().get(0).hasInterval()).isFalse();
        assertThat(chart.points().get(1).y()).isEqualTo(TrendChart.TOP);
        assertThat(chart.points().get(2).drawn()).isFalse();
        assertThat(chart.line()).isEqualTo("120,210 264,10 552,110");
    }

    @Test
    void anIntervalPastTheScaleIsDrawnToItsEdge() {
        // a CES mean of 4.4 over 5 answers, interval −5.6 to 11.6 on a 1–7 scale
        TrendChart chart = TrendChart.of(List.of(new TrendChart.Value("w", 4.4, -5.6, 11.6)), 1, 7);
        assertThat(chart.points().get(0).y1()).isEqualTo(BOTTOM);
        assertThat(chart.points().get(0).y2()).isEqualTo(TrendChart.TOP);
        assertThat(chart.points().get(0).lower()).isEqualTo(-5.6);   // the figure itself is kept whole
    }

    @Test
    void onlyEveryFewPeriodsIsLabelledCountingBackFromTheLast() {
        // 13 weeks: 576 / 13 = 44.3 pixels each; a label every 80 needs every 2nd
        List<TrendChart.Value> weeks = java.util.stream.IntStream.range(0, 13)
                .mapToObj(i -> new TrendChart.Value("w" + i, 1.0, null, null)).toList();
        TrendChart chart = TrendChart.of(weeks, 0, 10);
        assertThat(chart.points().stream().filter(TrendChart.Point::labelled).map(TrendChart.Point::label))
                .containsExactly("w0", "w2", "w4", "w6", "w8", "w10", "w12");
    }

    @Test
    void theRangeComesFromHowTheScoreIsMeasured() {
        assertThat(TrendChart.range("nps", "points (-100..100)")).containsExactly(-100, 100);
        assertThat(TrendChart.range("percent-satisfied", "percent")).containsExactly(0, 100);
        assertThat(TrendChart.range("mean", "1-7")).containsExactly(1, 7);
        assertThat(TrendChart.range("mean", "no scale")).isNull();
    }

    @Test
    void aSurveyServiceTrendIsReadWithItsIntervalsOnItsScale() {
        Map<String, Object> results = Map.of("headline", Map.of("measure", "mean", "unit", "1-7"),
                "trend", List.of(Map.of("start", "2026-11-30", "score", Map.of("measure", "mean", "unit", "1-7",
                        "n", 13, "value", 4, "interval", Map.of("lower", 2.5, "upper", 5.5)))));
        TrendChart chart = TrendChart.ofResults(results);
        assertThat(chart.scale().min()).isEqualTo(1);
        assertThat(chart.scale().max()).isEqualTo(7);
        TrendChart.Point point = chart.points().get(0);
        assertThat(point.value()).isEqualTo(4.0);
        assertThat(point.y()).isEqualTo(110);    // 4 is the middle of 1..7
        assertThat(point.y1()).isEqualTo(160);   // 2.5: a quarter up
        assertThat(point.y2()).isEqualTo(60);
    }

    @Test
    void aScoreOfUnknownRangeGetsAnAxisOverItsValues() {
        TrendChart chart = TrendChart.ofScore(List.of(new TrendChart.Value("a", 12.0, 8.0, 31.0)), "other", "things");
        // 8..31 over about 4 steps: 23 / 4 = 5.75 → steps of 5, from 5 to 35
        assertThat(chart.scale().min()).isEqualTo(5);
        assertThat(chart.scale().max()).isEqualTo(35);
    }
}
