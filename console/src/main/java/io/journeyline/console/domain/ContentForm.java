package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The content editor's form, one input per field of education-service's {@code ContentRequest}, as the admin typed it
 * (kept as text, so a refused form shows again exactly as typed): {@code title} one line per language
 * ({@code en: Refunds explained}), {@code topics} and {@code languages} separated by commas, {@code stages} and
 * {@code channels} chosen from the contract's words. {@link #body()} is the request; what the service refuses comes
 * back as its 400, at each input. A blank optional field is left out of the request.
 */
@TemplateData
public record ContentForm(String id, String kind, String level, String title, String url, String topics,
                          List<String> stages, String languages, List<String> channels, String durationMinutes,
                          String owner, String reviewBy) {

    public ContentForm {
        stages = stages == null ? List.of() : List.copyOf(stages);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** The form filled with a content item as education-service answers it. */
    public static ContentForm of(Map<String, Object> content) {
        return new ContentForm(text(content.get("id")), text(content.get("kind")), text(content.get("level")),
                titleText(content.get("title")), text(content.get("url")), joined(content.get("topics")),
                strings(content.get("stages")), joined(content.get("languages")), strings(content.get("channels")),
                text(content.get("durationMinutes")), text(content.get("owner")), text(content.get("reviewBy")));
    }

    /** The {@code ContentRequest} body: blank fields left out (and a duration that is not a whole number). */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", blankToNull(id));
        body.put("kind", blankToNull(kind));
        body.put("level", blankToNull(level));
        body.put("title", parseTitle(title));
        body.put("url", blankToNull(url));
        body.put("topics", list(topics));
        body.put("stages", stages.stream().filter(s -> !s.isBlank()).toList());
        body.put("languages", list(languages));
        body.put("channels", channels.stream().filter(s -> !s.isBlank()).toList());
        body.put("durationMinutes", number(durationMinutes));
        body.put("owner", blankToNull(owner));
        body.put("reviewBy", blankToNull(reviewBy));
        body.values().removeIf(java.util.Objects::isNull);
        return body;
    }

    /** {@code {en: "A", zh: "B"}} as the title input shows it: {@code en: A} and {@code zh: B} on two lines. */
    static String titleText(Object title) {
        if (!(title instanceof Map<?, ?> map)) {
            return "";
        }
        return map.entrySet().stream().map(e -> e.getKey() + ": " + (e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    /**
     * The title input read back: each non-blank line {@code tag: text} (a line without a colon is a tag with no text,
     * which the service refuses at that tag).
     */
    static Map<String, String> parseTitle(String text) {
        Map<String, String> title = new LinkedHashMap<>();
        if (text == null) {
            return title;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                title.put(line.trim(), "");
            } else {
                title.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return title;
    }

    /** {@code "a, b,,c"} → {@code [a, b, c]} (commas or new lines separate). */
    static List<String> list(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\n\\r]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A whole number; null when blank or not one (sent as typed, it would make education-service name that one field
     * alone, as a body it cannot read, and none of the others): see {@link #durationIsNumber()}.
     */
    static Integer number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the duration typed is blank or a whole number (else the page says so at its input). */
    public boolean durationIsNumber() {
        return durationMinutes == null || durationMinutes.isBlank() || number(durationMinutes) != null;
    }

    private static String joined(Object values) {
        return String.join(", ", strings(values));
    }

    private static List<String> strings(Object values) {
        List<String> out = new ArrayList<>();
        if (values instanceof List<?> list) {
            list.stream().filter(java.util.Objects::nonNull).forEach(v -> out.add(v.toString()));
        }
        return out;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
