package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts of a report's cells (each naming several dimensions and its n, as feedback-service's cases by root cause ×
 * touchpoint × category) summed over two of the dimensions: one row per value of the first, one column per value of
 * the second, largest totals first, "not known" (null) last; with row and column totals. Pure.
 */
@TemplateData
public record CrossTab(List<String> columns, List<Long> columnTotals, List<Row> rows, long total) {

    @TemplateData
    public record Row(String key, List<Long> counts, long total) {
    }

    public static CrossTab of(List<?> cells, String rowField, String columnField) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        Map<String, Long> rowTotals = new LinkedHashMap<>();
        Map<String, Long> columnTotals = new LinkedHashMap<>();
        long total = 0;
        for (Object cell : cells) {
            Map<String, Object> c = HeatMap.map(cell);
            String row = text(c.get(rowField));
            String column = text(c.get(columnField));
            long n = c.get("n") instanceof Number number ? number.longValue() : 0;
            counts.computeIfAbsent(row, k -> new LinkedHashMap<>()).merge(column, n, Long::sum);
            rowTotals.merge(row, n, Long::sum);
            columnTotals.merge(column, n, Long::sum);
            total += n;
        }
        List<String> columns = order(columnTotals);
        List<Row> rows = new ArrayList<>();
        for (String row : order(rowTotals)) {
            rows.add(new Row(row, columns.stream().map(column -> counts.get(row).getOrDefault(column, 0L)).toList(),
                    rowTotals.get(row)));
        }
        return new CrossTab(columns, columns.stream().map(columnTotals::get).toList(), rows, total);
    }

    /** Keys by their total, largest first; ties by name; null (not known) last. */
    private static List<String> order(Map<String, Long> totals) {
        return totals.keySet().stream().sorted(Comparator.comparing((String key) -> key == null)
                .thenComparing(key -> -totals.get(key))
                .thenComparing(key -> Objects.requireNonNullElse(key, ""))).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
