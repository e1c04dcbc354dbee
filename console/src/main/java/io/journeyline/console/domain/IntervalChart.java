package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A forest plot: one row per group, its estimate as a point and its 95 % interval as a line across a horizontal
 * axis, with a zero line (no difference) — or, with a fixed range, shares from 0 to 100 %. A row without an estimate
 * (not enough data) is listed but nothing is drawn for it. The geometry only; the template draws it as SVG. Pure.
 */
@TemplateData
public record IntervalChart(int width, int height, double plotLeft, double plotRight, double axisY, Double zeroX,
                            Scale scale, List<Tick> ticks, List<Row> rows) {
    /** The whole drawing, in pixels. */
    public static final int WIDTH = 640;
    /** Room for the groups' names left of the plot. */
    public static final int LEFT = 190;
    public static final int RIGHT = 24;
    public static final int TOP = 8;
    public static final int ROW = 28;
    /** Room for the axis and its tick labels below the rows. */
    public static final int BOTTOM = 30;
    /** About this many intervals between ticks. */
    static final int TICKS = 6;

    /** One group as the report gives it: its estimate and interval (null when the report withheld them). */
    public record Estimate(String key, Double estimate, Double lower, Double upper, String status) {
    }

    /** A tick of the axis: where, and its label. */
    @TemplateData
    public record Tick(double x, String label) {
    }

    /**
     * One row: {@code y} is its centre line; {@code x} the estimate, {@code x1}–{@code x2} the interval (null when
     * there is none). {@code total} marks the row of all groups together.
     */
    @TemplateData
    public record Row(String key, boolean total, String status, Double estimate, Double lower, Double upper, double y,
                      Double x, Double x1, Double x2) {
        public boolean drawn() {
            return x != null;
        }

        public boolean hasInterval() {
            return x1 != null && x2 != null;
        }
    }

    /**
     * A forest plot of differences: the axis spans every drawn estimate and interval and zero, widened to round
     * numbers. The row keyed {@code totalKey} (e.g. "all") is marked as the total.
     */
    public static IntervalChart differences(List<Estimate> estimates, String totalKey) {
        List<Double> values = new ArrayList<>(List.of(0.0));
        for (Estimate e : estimates) {
            if (e.estimate() != null) {
                Stream.of(e.estimate(), e.lower(), e.upper()).filter(Objects::nonNull).forEach(values::add);
            }
        }
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return of(estimates, totalKey, Scale.nice(lo, hi, LEFT, WIDTH - RIGHT, TICKS), true);
    }

    /** Shares in per cent on a fixed 0–100 axis (no zero line: 0 is its edge). */
    public static IntervalChart percentages(List<Estimate> estimates, String totalKey) {
        return of(estimates, totalKey, new Scale(0, 100, LEFT, WIDTH - RIGHT), false);
    }

    static IntervalChart of(List<Estimate> estimates, String totalKey, Scale scale, boolean zeroLine) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            double y = TOP + i * ROW + ROW / 2.0;
            boolean interval = e.estimate() != null && e.lower() != null && e.upper() != null;
            rows.add(new Row(e.key(), Objects.equals(e.key(), totalKey), e.status(), e.estimate(), e.lower(),
                    e.upper(), y, e.estimate() == null ? null : Scale.px(scale.clamped(e.estimate())),
                    interval ? Scale.px(scale.clamped(e.lower())) : null,
                    interval ? Scale.px(scale.clamped(e.upper())) : null));
        }
        double axisY = TOP + estimates.size() * ROW;
        List<Tick> ticks = scale.ticks(TICKS).stream()
                .map(value -> new Tick(Scale.px(scale.at(value)), Scale.label(value))).toList();
        Double zeroX = zeroLine && scale.min() <= 0 && scale.max() >= 0 ? Scale.px(scale.at(0)) : null;
        return new IntervalChart(WIDTH, (int) axisY + BOTTOM, LEFT, WIDTH - RIGHT, axisY, zeroX, scale, ticks, rows);
    }

    /** Where a row's label ends (right-aligned, a little left of the plot). */
    public double labelX() {
        return plotLeft - 8;
    }

    /** Whether the chart draws a zero line (differences; shares start at 0). */
    public boolean hasZero() {
        return zeroX != null;
    }

    /** Where a row's note (not enough data) starts. */
    public double noteX() {
        return plotLeft + 6;
    }

    /** Where the tick labels sit. */
    public double tickLabelY() {
        return axisY + 16;
    }
}
