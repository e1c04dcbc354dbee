package io.journeyline.console.domain;

import java.util.regex.Pattern;

/** Small readings of what the admin pages' forms send. */
public final class AdminForms {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private AdminForms() {
    }

    /**
     * A time as the services take it (RFC 3339 with offset): a date alone is that day's start in UTC; blank is null;
     * anything else goes as typed, for the service to accept or name as a bad field.
     */
    public static String time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        return DATE.matcher(trimmed).matches() ? trimmed + "T00:00:00Z" : trimmed;
    }

    /**
     * A document as a textarea sent it, with its lines ended as typed: browsers send a textarea's line ends as CR LF,
     * which would otherwise be kept in the rule set journey-service stores.
     */
    public static String document(String text) {
        return text == null ? "" : text.replace("\r\n", "\n");
    }

    /**
     * A JSON value (maps and lists) without its null members, at any depth: survey-service answers an absent part of
     * a survey as null, which its own PUT refuses ("null found, array expected"), so the editor shows it left out.
     */
    public static Object withoutNulls(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, withoutNulls(v));
                }
            });
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(AdminForms::withoutNulls).toList();
        }
        return value;
    }

    /** A parser's message up to where it starts describing its own input ("… (for Array starting at [Source: …"). */
    public static String firstClause(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.length();
        for (String end : new String[]{" (for ", "\n", " at [Source"}) {
            int at = message.indexOf(end);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return message.substring(0, cut);
    }

    /** Null for a blank value, else the value trimmed. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A rule set's content type as journey-service takes it: JSON when it starts as JSON, else YAML. */
    public static String documentType(String document) {
        String start = document == null ? "" : document.stripLeading();
        return start.startsWith("{") ? "application/json" : "application/yaml";
    }

    /**
     * The part of a backtest's {@code cannotKnow} entry before its colon ({@code hold-out: education-service …} →
     * {@code hold-out}): a stable name the page explains in the reader's language; null when there is none.
     */
    public static String cannotKnowName(String entry) {
        if (entry == null) {
            return null;
        }
        int colon = entry.indexOf(':');
        return colon <= 0 || colon > 40 ? null : entry.substring(0, colon).trim();
    }
}
