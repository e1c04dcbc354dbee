package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Known answers worked out by hand: bars start at x = 160 and may run 370 pixels (640 − 160 − 110). */
class BarChartTest {
    @Test
    void aBarIsAsLongAsItsShareOfTheWhole() {
        BarChart chart = BarChart.of(List.of(new BarChart.Value("AWARENESS", 300), new BarChart.Value("PURCHASE", 150),
                new BarChart.Value("LOYAL", 0)), 300);
        assertThat(chart.plotWidth()).isEqualTo(370);
        assertThat(chart.bars()).extracting(BarChart.Bar::length).containsExactly(370.0, 185.0, 0.0);
        assertThat(chart.valueX(chart.bars().get(1))).isEqualTo(160 + 185 + 6);
        // rows 28 apart, bars 18 high centred on them
        assertThat(chart.bars().get(1).y()).isEqualTo(BarChart.TOP + 1.5 * BarChart.ROW);
        assertThat(chart.bars().get(1).barY()).isEqualTo(BarChart.TOP + 1.5 * BarChart.ROW - 9);
        assertThat(chart.height()).isEqualTo(BarChart.TOP + 3 * BarChart.ROW + BarChart.BOTTOM);
    }

    @Test
    void withoutAWholeTheLargestValueSpansThePlot() {
        BarChart chart = BarChart.of(List.of(new BarChart.Value("a", 40), new BarChart.Value("b", 10)), null);
        assertThat(chart.bars()).extracting(BarChart.Bar::length).containsExactly(370.0, 92.5);
    }

    @Test
    void nothingToDrawDrawsNothing() {
        BarChart chart = BarChart.of(List.of(new BarChart.Value("a", 0)), 0);
        assertThat(chart.bars().get(0).length()).isZero();
    }
}
