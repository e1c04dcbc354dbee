package io.journeyline.console.rest;

import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What the dashboards' templates call on the reports' numbers, as {@code {dash:p(value)}}: a p-value, a fraction as
 * per cent, an instant's day, a content title in the reader's language.
 */
@TemplateExtension(namespace = "dash")
public final class DashboardExtensions {
    private DashboardExtensions() {
    }

    /** Whether {@code value} is a number (a figure the report gave, not one it left out or set to null). */
    static boolean num(Object value) {
        return value instanceof Number;
    }

    /** A number rounded to at most {@code digits} decimals, "" for none (as {@code Labels.number}, but for any value). */
    static String round(Object value, int digits) {
        if (!(value instanceof Number n)) {
            return "";
        }
        BigDecimal rounded = new BigDecimal(n.toString()).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros();
        String text = rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
        return text.equals("-0") ? "0" : text.startsWith("-") ? "−" + text.substring(1) : text;
    }

    /** The raw figure for a {@code data-value} attribute: the number as the report gave it, "" for none. */
    static String raw(Object value) {
        return value instanceof Number n ? n.toString() : "";
    }

    /**
     * The last day a period's exclusive end covers: the day before when it falls on midnight UTC (the dashboards'
     * own periods end so), else its own day.
     */
    static String until(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            java.time.ZonedDateTime end = java.time.Instant.parse(instant.toString()).atZone(java.time.ZoneOffset.UTC);
            return (end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? end.minusDays(1) : end).toLocalDate()
                    .toString();
        } catch (java.time.format.DateTimeParseException e) {
            return instant.toString();
        }
    }

    /**
     * A duration as ISO-8601 ({@code PT1H30M}) for {@code Labels.duration}: a number is seconds (how Jackson writes a
     * Java Duration), a text is taken as it is.
     */
    static Object iso(Object duration) {
        if (duration instanceof Number seconds) {
            return java.time.Duration.ofMillis(Math.round(seconds.doubleValue() * 1000)).toString();
        }
        return duration instanceof CharSequence ? duration.toString() : null;
    }

    /** A p-value to three decimals, "< 0.001" below that; "" for none. */
    static String p(Object value) {
        if (!(value instanceof Number n)) {
            return "";
        }
        double p = n.doubleValue();
        if (p < 0.001) {
            return "< 0.001";
        }
        return new BigDecimal(n.toString()).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    /** A fraction (0.25) in per cent (25.0); null for none. */
    static Double percent(Object fraction) {
        return fraction instanceof Number n ? n.doubleValue() * 100 : null;
    }

    /** An instant's day in UTC ("2026-12-06"), the text as it is when it is none. */
    static String day(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return java.time.Instant.parse(instant.toString()).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        } catch (java.time.format.DateTimeParseException e) {
            return instant.toString();
        }
    }

    /** A text given per language ({"en": …, "zh": …}) in {@code language}, else in the first it has. */
    static Object inLanguage(Object texts, String language) {
        if (texts instanceof Map<?, ?> byLanguage) {
            Object text = byLanguage.get(language);
            return text != null ? text : byLanguage.values().stream().findFirst().orElse(null);
        }
        return texts;
    }

    /** Whether a map or list has anything in it (a report's {@code suppressedBy}, say). */
    static boolean any(Object value) {
        return value instanceof Map<?, ?> m ? !m.isEmpty() : value instanceof java.util.Collection<?> c && !c.isEmpty();
    }
}
