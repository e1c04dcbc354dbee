package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The period a dashboard covers, as the reader picks it: two dates (a date field's {@code 2026-11-01}), both days
 * included. The services' reports read [from, to) as RFC 3339 instants, so {@code from} becomes its day's start and
 * {@code to} the start of the day after, in UTC. Left empty, each report takes its own default window (the last 90
 * days, say); anything else goes to the service as typed, and its 400 names the field. Pure.
 */
@TemplateData
public record ReportPeriod(String from, String to) {

    public static ReportPeriod of(String from, String to) {
        return new ReportPeriod(blankToNull(from), blankToNull(to));
    }

    /** The query parameters the reports take: {@code from} and {@code to} (only those given). */
    public Map<String, Object> query() {
        Map<String, Object> query = new LinkedHashMap<>();
        if (from != null) {
            query.put("from", instant(from, 0));
        }
        if (to != null) {
            query.put("to", instant(to, 1));
        }
        return query;
    }

    /** This period as a link's query string ({@code ?from=…&to=…}), "" when it is the default. */
    public String link() {
        StringBuilder link = new StringBuilder();
        if (from != null) {
            link.append("from=").append(encode(from));
        }
        if (to != null) {
            link.append(link.isEmpty() ? "" : "&").append("to=").append(encode(to));
        }
        return link.isEmpty() ? "" : "?" + link;
    }

    private static String instant(String value, int plusDays) {
        try {
            return LocalDate.parse(value).plusDays(plusDays) + "T00:00:00Z";
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
