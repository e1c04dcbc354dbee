package io.journeyline.console.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import io.quarkus.qute.TemplateData;

/**
 * Every word the pages show, in English and Chinese ({@code labels/<bundle>_en.properties} and {@code <bundle>_zh.properties},
 * UTF-8, one bundle per group of pages): the templates read {@code {t.key}} or, for a stable code, {@code {t.get('stage.' + code)}}. A key missing in
 * a language shows as ⟦key⟧, which the tests look for; the customers' own texts never pass through here.
 */
@TemplateData
public final class Labels extends AbstractMap<String, String> {
    public static final List<String> LANGUAGES = List.of("en", "zh");
    /** The label files, by the pages they serve: labels (all agents' pages), dashboards, admin. */
    static final List<String> BUNDLES = List.of("labels", "dashboards", "admin");
    private static final Map<String, Labels> BY_LANGUAGE = Map.of("en", load("en"), "zh", load("zh"));

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    private final String language;
    private final Map<String, String> words;

    private Labels(String language, Map<String, String> words) {
        this.language = language;
        this.words = words;
    }

    /** The labels of {@code language} (en or zh; anything else is English). */
    public static Labels of(String language) {
        return BY_LANGUAGE.getOrDefault(language, BY_LANGUAGE.get("en"));
    }

    public String language() {
        return language;
    }

    /** The keys this language defines. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(words.keySet());
    }

    @Override
    public String get(Object key) {
        String word = words.get(String.valueOf(key));
        return word != null ? word : "⟦" + key + "⟧";
    }

    /**
     * The translated explanation of a stable code (a stage, a status, a guard …), shown beside the code itself;
     * empty when there is none (a rule id an admin made up, say).
     */
    public String code(String kind, Object code) {
        String word = code == null ? null : words.get("code." + kind + "." + code);
        return word == null ? "" : word;
    }

    /** An ISO-8601 duration (PT480H30S) in days, hours and minutes, in this language's units; "" for null. */
    public String duration(Object iso) {
        if (iso == null) {
            return "";
        }
        java.time.Duration d;
        try {
            d = java.time.Duration.parse(iso.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return iso.toString();
        }
        String sign = d.isNegative() ? "−" : "";
        d = d.abs();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return sign + days + get("unit_d") + " " + hours + get("unit_h");
        }
        if (hours > 0) {
            return sign + hours + get("unit_h") + " " + minutes + get("unit_min");
        }
        return sign + Math.max(minutes, 0) + get("unit_min");
    }

    /** An instant as the pages show it, in UTC with the zone's name in this language: "2026-12-06 02:10 UTC". */
    public String time(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return TIME.format(java.time.Instant.parse(instant.toString())) + " " + get("time_zone");
        } catch (java.time.format.DateTimeParseException e) {
            return instant.toString();
        }
    }

    /** A number with at most {@code digits} decimals; "" for null. */
    public String number(Object value, int digits) {
        if (!(value instanceof Number n)) {
            return value == null ? "" : value.toString();
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(n.toString())
                .setScale(digits, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    /** {@code key}'s label with {0}, {1}, … replaced by {@code values}. */
    public String format(String key, Object... values) {
        String word = get(key);
        for (int i = 0; i < values.length; i++) {
            word = word.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return word;
    }

    @Override
    public boolean containsKey(Object key) {
        return true;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return Collections.unmodifiableMap(words).entrySet();
    }

    private static Labels load(String language) {
        Properties properties = new Properties();
        for (String bundle : BUNDLES) {
            String name = "/labels/" + bundle + "_" + language + ".properties";
            try (InputStream in = Labels.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing");
                }
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> words = new TreeMap<>();
        properties.forEach((k, v) -> words.put(k.toString(), v.toString()));
        return new Labels(language, words);
    }
}
