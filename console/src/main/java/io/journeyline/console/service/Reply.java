package io.journeyline.console.service;

import io.quarkus.qute.TemplateData;

import java.util.List;
import java.util.Map;

/**
 * A service's answer: its status and JSON body (maps and lists, as the templates read them), or — status 0 — that it
 * did not answer ({@code failure} says how).
 */
@TemplateData
public record Reply(int status, Object body, Map<String, String> headers, String failure) {
    static Reply unreachable(String failure) {
        return new Reply(0, null, Map.of(), failure);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as a JSON object (empty when it is not one). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return body instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The body as a JSON array, or the {@code items} of a page (empty otherwise). */
    @SuppressWarnings("unchecked")
    public List<Object> items() {
        if (body instanceof List<?> list) {
            return (List<Object>) list;
        }
        return map().get("items") instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** A page's cursor for the next page, or null. */
    public String nextCursor() {
        return map().get("nextCursor") instanceof String cursor ? cursor : null;
    }

    /** What went wrong, for the page to show: the problem's detail and each bad field, or the failure. */
    public Problem problem() {
        if (ok()) {
            return null;
        }
        if (status == 0) {
            return new Problem(0, failure, failure, List.of(), List.of());
        }
        Map<String, Object> problem = map();
        String title = problem.get("title") instanceof String t ? t : "HTTP " + status;
        String detail = problem.get("detail") instanceof String d ? d : title;
        List<Problem.Field> fields = problem.get("errors") instanceof List<?> errors ? errors.stream()
                .filter(Map.class::isInstance).map(Map.class::cast)
                .map(e -> new Problem.Field(String.valueOf(e.get("field")), String.valueOf(e.get("message"))))
                .toList() : List.of();
        List<String> allowed = problem.get("allowed") instanceof List<?> a ? a.stream().map(String::valueOf).toList()
                : List.of();
        return new Problem(status, title, detail, fields, allowed);
    }

    /** A problem as the pages show it: the status, the service's words, each bad field, the commands allowed instead. */
    @TemplateData
    public record Problem(int status, String title, String detail, List<Field> fields, List<String> allowed) {
        @TemplateData
        public record Field(String field, String message) {
        }

        /** The message for {@code field} (or a field under it, as {@code rules[0].when}), or null. */
        public String at(String field) {
            return fields.stream().filter(f -> f.field().equals(field) || f.field().startsWith(field + ".")
                            || f.field().startsWith(field + "["))
                    .map(f -> f.field().equals(field) ? f.message() : f.field() + ": " + f.message())
                    .reduce((a, b) -> a + "; " + b).orElse(null);
        }
    }
}
