package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A score over time: one column per period (a survey's trend buckets), the score as a point with its 95 % interval as
 * a vertical line, the points joined by a line, on the score's own range (NPS −100 to 100, a share 0 to 100 %, a
 * mean the survey scale's ends). An interval reaching past the scale is drawn to its edge (the table gives it whole).
 * The geometry only; the template draws it as SVG. Pure.
 */
@TemplateData
public record TrendChart(int width, int height, double plotLeft, double plotRight, double plotTop, double plotBottom,
                         Scale scale, List<Tick> ticks, List<Point> points, String line) {
    public static final int WIDTH = 640;
    /** Room for the value axis' labels. */
    public static final int LEFT = 48;
    public static final int RIGHT = 16;
    public static final int TOP = 10;
    public static final int PLOT_HEIGHT = 200;
    /** Room for the periods' labels. */
    public static final int BOTTOM = 30;
    /** A period's label is shown only every so many pixels (the others would overlap). */
    static final int LABEL_SPACING = 80;
    static final int TICKS = 4;

    /** One period as the report gives it. */
    public record Value(String label, Double value, Double lower, Double upper) {
    }

    @TemplateData
    public record Tick(double y, String label) {
    }

    /** One period: its column's centre {@code x}, the point's {@code y} and the interval's {@code y1}–{@code y2}. */
    @TemplateData
    public record Point(String label, boolean labelled, Double value, Double lower, Double upper, double x, Double y,
                        Double y1, Double y2) {
        public boolean drawn() {
            return y != null;
        }

        public boolean hasInterval() {
            return y1 != null && y2 != null;
        }
    }

    /** The periods on [min, max]. */
    public static TrendChart of(List<Value> values, double min, double max) {
        double bottom = TOP + PLOT_HEIGHT;
        Scale scale = new Scale(min, max, bottom, TOP);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double band = values.isEmpty() ? plotWidth : plotWidth / values.size();
        int every = Math.max(1, (int) Math.ceil(LABEL_SPACING / band));
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            boolean interval = v.value() != null && v.lower() != null && v.upper() != null;
            // the last period is always labelled; the others every so many, counted back from it
            boolean labelled = (values.size() - 1 - i) % every == 0;
            points.add(new Point(v.label(), labelled, v.value(), v.lower(), v.upper(), Scale.px(LEFT + (i + 0.5) * band),
                    v.value() == null ? null : Scale.px(scale.clamped(v.value())),
                    interval ? Scale.px(scale.clamped(v.lower())) : null,
                    interval ? Scale.px(scale.clamped(v.upper())) : null));
        }
        List<Tick> ticks = scale.ticks(TICKS).stream()
                .map(value -> new Tick(Scale.px(scale.at(value)), Scale.label(value))).toList();
        String line = points.stream().filter(Point::drawn).map(p -> Scale.label(p.x()).replace('−', '-') + ","
                + Scale.label(p.y()).replace('−', '-')).collect(Collectors.joining(" "));
        return new TrendChart(WIDTH, (int) bottom + BOTTOM, LEFT, WIDTH - RIGHT, TOP, bottom, scale, ticks, points,
                line);
    }

    /**
     * The periods of a score named as survey-service names it ({@link #range}); a score of unknown range gets an axis
     * over its values and intervals, widened to round numbers.
     */
    public static TrendChart ofScore(List<Value> values, String measure, String unit) {
        double[] range = range(measure, unit);
        if (range != null) {
            return of(values, range[0], range[1]);
        }
        DoubleSummaryStatistics all = values.stream()
                .flatMap(v -> Stream.of(v.value(), v.lower(), v.upper()))
                .filter(Objects::nonNull).mapToDouble(Double::doubleValue).summaryStatistics();
        Scale nice = all.getCount() == 0 ? new Scale(0, 1, 0, 1)
                : Scale.nice(all.getMin(), all.getMax(), 0, 1, TICKS);
        return of(values, nice.min(), nice.max());
    }

    /**
     * The trend of survey-service's results ({@code trend}: per bucket its {@code start} and {@code score}, which has
     * {@code value}, {@code interval.lower} and {@code .upper}, {@code measure} and {@code unit}).
     */
    public static TrendChart ofResults(Map<String, Object> results) {
        List<Value> values = new ArrayList<>();
        String measure = null;
        String unit = null;
        for (Object bucket : HeatMap.list(results.get("trend"))) {
            Map<String, Object> b = HeatMap.map(bucket);
            Map<String, Object> score = HeatMap.map(b.get("score"));
            Map<String, Object> interval = HeatMap.map(score.get("interval"));
            values.add(new Value(String.valueOf(b.get("start")), EffectMetric.number(score.get("value")),
                    EffectMetric.number(interval.get("lower")), EffectMetric.number(interval.get("upper"))));
            measure = score.get("measure") instanceof String m ? m : measure;
            unit = score.get("unit") instanceof String u ? u : unit;
        }
        Map<String, Object> headline = HeatMap.map(results.get("headline"));
        measure = headline.get("measure") instanceof String m ? m : measure;
        unit = headline.get("unit") instanceof String u ? u : unit;
        return ofScore(values, measure, unit);
    }

    private static final Pattern SCALE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(?:-|\\.\\.)\\s*(-?\\d+(?:\\.\\d+)?)");

    /**
     * The range a score can take, from how survey-service names it: {@code nps} −100 to 100,
     * {@code percent-satisfied} 0 to 100, a {@code mean} on the scale its unit names ({@code 1-7}); else null.
     */
    public static double[] range(String measure, String unit) {
        if ("nps".equals(measure)) {
            return new double[]{-100, 100};
        }
        if ("percent-satisfied".equals(measure) || "percent".equals(unit)) {
            return new double[]{0, 100};
        }
        if (unit != null) {
            Matcher m = SCALE.matcher(unit);
            if (m.find()) {
                double lo = Double.parseDouble(m.group(1));
                double hi = Double.parseDouble(m.group(2));
                if (hi > lo) {
                    return new double[]{lo, hi};
                }
            }
        }
        return null;
    }

    /** Where the periods' labels sit. */
    public double labelY() {
        return plotBottom + 18;
    }

    public double axisLabelX() {
        return plotLeft - 6;
    }
}
