package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis of a chart: values from {@code min} to {@code max} drawn from pixel {@code start} to pixel {@code end}
 * (end may be smaller than start: a vertical axis grows upwards). {@link #nice} widens a range to round numbers so
 * the ticks fall on them. Pure.
 */
@TemplateData
public record Scale(double min, double max, double start, double end) {

    public Scale {
        if (!(max > min)) {
            throw new IllegalArgumentException("an axis needs max > min, not " + min + " .. " + max);
        }
    }

    /** The pixel of {@code value}. */
    public double at(double value) {
        return start + (value - min) * (end - start) / (max - min);
    }

    /** The pixel of {@code value}, kept within the axis (a value off the scale is drawn at its edge). */
    public double clamped(double value) {
        return at(Math.max(min, Math.min(max, value)));
    }

    /**
     * A round step for about {@code ticks} intervals over {@code span}: 1, 2, 5 or 10 times a power of ten
     * (Heckbert's "nice numbers").
     */
    public static double step(double span, int ticks) {
        double rough = span / Math.max(1, ticks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double normalized = rough / magnitude;
        double nice = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
        return nice * magnitude;
    }

    /**
     * The axis over [lo, hi] widened to multiples of a round step (about {@code ticks} of them); a single value (or
     * none) gets one unit either side.
     */
    public static Scale nice(double lo, double hi, double start, double end, int ticks) {
        if (!(hi > lo)) {
            lo = lo - 1;
            hi = hi + 1;
        }
        double step = step(hi - lo, ticks);
        double min = Math.floor(lo / step + 1e-9) * step;
        double max = Math.ceil(hi / step - 1e-9) * step;
        return new Scale(round(min, step), round(max, step), start, end);
    }

    /** Tick values at multiples of a round step (for about {@code count} intervals), from min to max. */
    public List<Double> ticks(int count) {
        double step = step(max - min, count);
        List<Double> ticks = new ArrayList<>();
        double first = Math.ceil(min / step - 1e-9) * step;
        for (int i = 0; ; i++) {
            double tick = round(first + i * step, step);
            if (tick > max + step * 1e-9) {
                break;
            }
            ticks.add(tick);
        }
        return ticks;
    }

    /** {@code value} rounded to the decimals of {@code step} (no 0.30000000000000004 on an axis). */
    static double round(double value, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)) + 1);
        double rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        return rounded == 0 ? 0 : rounded;
    }

    /** A tick's label: the number with no trailing zeros, and a true minus sign. */
    public static String label(double value) {
        BigDecimal number = BigDecimal.valueOf(value).stripTrailingZeros();
        String text = number.scale() < 0 ? number.setScale(0).toPlainString() : number.toPlainString();
        return text.startsWith("-") ? "−" + text.substring(1) : text;
    }

    /** A pixel as a chart draws it: to a tenth. */
    public static double px(double pixel) {
        return Math.round(pixel * 10) / 10.0;
    }
}
