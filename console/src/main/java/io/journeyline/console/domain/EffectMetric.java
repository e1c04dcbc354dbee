package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One measure of journey-service's education-effect report (treated against held-out customers), across its total
 * and its groups: the recurrence of the pain point (two rates, their difference in percentage points) or the change
 * in CSAT or NPS (two means, their difference in scale points). Each row keeps the report's own figures, which the
 * page prints as they are; the chart draws each difference with its 95 % interval. Pure.
 */
@TemplateData
public record EffectMetric(String name, boolean rates, IntervalChart chart, List<Row> rows) {
    /** The report's measures: JSON field, whether it compares rates, and its difference and interval fields. */
    static final List<List<String>> MEASURES = List.of(
            List.of("recurrence", "rates", "differencePp", "lower95Pp", "upper95Pp"),
            List.of("csatChange", "means", "difference", "lower95", "upper95"),
            List.of("npsChange", "means", "difference", "lower95", "upper95"));
    /** The key of the report's total. */
    public static final String TOTAL = "all";

    /** One group: its key, the group as the report gives it (n per arm, pending), and this measure's figures. */
    @TemplateData
    public record Row(String key, boolean total, Map<String, Object> group, Map<String, Object> figures) {
        /** The measure's status: ok, not-enough-data, no-variance. */
        public Object status() {
            return figures.get("status");
        }
    }

    /** The three measures of a report ({@code total} first, then {@code groups}). */
    public static List<EffectMetric> of(Map<String, Object> report) {
        List<Map<String, Object>> groups = new ArrayList<>();
        if (!HeatMap.map(report.get("total")).isEmpty()) {
            groups.add(HeatMap.map(report.get("total")));
        }
        HeatMap.list(report.get("groups")).forEach(group -> groups.add(HeatMap.map(group)));
        List<EffectMetric> metrics = new ArrayList<>();
        for (List<String> measure : MEASURES) {
            String name = measure.get(0);
            List<Row> rows = new ArrayList<>();
            List<IntervalChart.Estimate> estimates = new ArrayList<>();
            for (Map<String, Object> group : groups) {
                String key = String.valueOf(group.get("key"));
                Map<String, Object> figures = HeatMap.map(group.get(name));
                rows.add(new Row(key, TOTAL.equals(key) && group == groups.get(0), group, figures));
                estimates.add(new IntervalChart.Estimate(key, number(figures.get(measure.get(2))),
                        number(figures.get(measure.get(3))), number(figures.get(measure.get(4))),
                        figures.get("status") == null ? null : figures.get("status").toString()));
            }
            metrics.add(new EffectMetric(name, measure.get(1).equals("rates"),
                    IntervalChart.differences(estimates, TOTAL), rows));
        }
        return metrics;
    }

    static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
