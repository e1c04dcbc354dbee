package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rate per touchpoint × channel, as journey-service's touchpoint report gives it (each touchpoint with its channels,
 * each with a share: count, n, percent and its 95 % interval): one row per touchpoint, one column per channel any
 * touchpoint used, and each row's all-channels figure; each cell coloured by {@link #level} (CSS classes h0–h4). A
 * channel a touchpoint was not used on has no cell. Pure.
 */
@TemplateData
public record HeatMap(String field, List<String> channels, List<Row> rows) {
    /** Level boundaries in per cent: h0 is 0, h1 below 5, h2 below 10, h3 below 20, h4 from 20. */
    public static final List<Integer> BOUNDS = List.of(0, 5, 10, 20);
    /** The contract's channels, in the order the columns take (others after them, alphabetically). */
    static final List<String> CHANNEL_ORDER = List.of("web", "app", "email", "phone", "chat", "store", "social", "sms",
            "other");

    /** One touchpoint: its figure over every channel and one cell per column (null: not used on that channel). */
    @TemplateData
    public record Row(String touchpoint, Cell all, List<Cell> cells) {
    }

    /** One cell: the report's share (count, n, percent, lower95, upper95) and its colour class. */
    @TemplateData
    public record Cell(String channel, Map<String, Object> share, String level) {
        public Object percent() {
            return share.get("percent");
        }
    }

    /** The table's columns: the touchpoint, each channel, all channels. */
    public int columns() {
        return channels.size() + 2;
    }

    /** The heat map of {@code field} ({@code failureRate}, {@code painPointRate}) of the report's {@code items}. */
    public static HeatMap of(List<?> items, String field) {
        Set<String> seen = new LinkedHashSet<>();
        for (Object item : items) {
            for (Object channel : list(map(item).get("channels"))) {
                if (map(channel).get("channel") instanceof String name) {
                    seen.add(name);
                }
            }
        }
        List<String> channels = seen.stream().sorted(Comparator.comparing((String c) -> {
            int known = CHANNEL_ORDER.indexOf(c);
            return known < 0 ? CHANNEL_ORDER.size() : known;
        }).thenComparing(Comparator.naturalOrder())).toList();
        List<Row> rows = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> touchpoint = map(item);
            List<Cell> cells = new ArrayList<>();
            for (String channel : channels) {
                Cell cell = null;
                for (Object c : list(touchpoint.get("channels"))) {
                    if (channel.equals(map(c).get("channel"))) {
                        cell = cell(channel, map(c).get(field));
                    }
                }
                cells.add(cell);
            }
            rows.add(new Row(String.valueOf(touchpoint.get("touchpoint")), cell(null, touchpoint.get(field)), cells));
        }
        return new HeatMap(field, channels, rows);
    }

    private static Cell cell(String channel, Object share) {
        Map<String, Object> figures = map(share);
        return new Cell(channel, figures, level(figures.get("percent") instanceof Number n ? n.doubleValue() : null));
    }

    /** The colour class of a rate in per cent: h0 for 0, then h1–h4 by {@link #BOUNDS}; "h-none" without a rate. */
    public static String level(Double percent) {
        if (percent == null || percent.isNaN()) {
            return "h-none";
        }
        if (percent <= 0) {
            return "h0";
        }
        for (int i = 1; i < BOUNDS.size(); i++) {
            if (percent < BOUNDS.get(i)) {
                return "h" + i;
            }
        }
        return "h4";
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
