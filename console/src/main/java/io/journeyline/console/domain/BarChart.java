package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/**
 * Horizontal bars, one per row, their lengths in proportion to the largest value the chart is given (a funnel's
 * cohort: the first stage spans the plot). The geometry only; the template draws it as SVG. Pure.
 */
@TemplateData
public record BarChart(int width, int height, double plotLeft, double plotWidth, List<Bar> bars) {
    public static final int WIDTH = 640;
    /** Room for the rows' names. */
    public static final int LEFT = 160;
    /** Room for the value printed after the longest bar. */
    public static final int RIGHT = 110;
    public static final int TOP = 6;
    public static final int ROW = 28;
    public static final int BAR = 18;
    public static final int BOTTOM = 6;

    /** One row as the report gives it. */
    public record Value(String key, Number value) {
    }

    /** One bar: its row's centre {@code y}, its top {@code barY}, its {@code length} from the plot's left edge. */
    @TemplateData
    public record Bar(String key, Number value, double y, double barY, double length) {
    }

    /** Bars of {@code values}, the plot's full width standing for {@code max} (the largest value when null or 0). */
    public static BarChart of(List<Value> values, Number max) {
        double full = max == null ? 0 : max.doubleValue();
        if (full <= 0) {
            full = values.stream().filter(v -> v.value() != null).mapToDouble(v -> v.value().doubleValue()).max()
                    .orElse(0);
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            double value = v.value() == null ? 0 : Math.max(0, v.value().doubleValue());
            double length = full <= 0 ? 0 : Math.min(1, value / full) * plotWidth;
            double y = TOP + i * ROW + ROW / 2.0;
            bars.add(new Bar(v.key(), v.value(), y, y - BAR / 2.0, Scale.px(length)));
        }
        return new BarChart(WIDTH, TOP + values.size() * ROW + BOTTOM, LEFT, plotWidth, bars);
    }

    /** Where a row's name ends (right-aligned, a little left of the bars). */
    public double labelX() {
        return plotLeft - 8;
    }

    /** Where a bar's value is printed: just after it. */
    public double valueX(Bar bar) {
        return Scale.px(plotLeft + bar.length() + 6);
    }
}
