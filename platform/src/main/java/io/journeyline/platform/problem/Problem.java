package io.journeyline.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem document ({@code application/problem+json}).
 *
 * @param type   URI naming the kind of problem
 * @param title  short summary of the kind
 * @param status HTTP status
 * @param detail what went wrong in this occurrence
 * @param errors the offending fields or events, when there are any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://journeyline.io/problems/";

    /** A problem of kind {@code slug}, e.g. {@code invalid-event} → {@code https://journeyline.io/problems/invalid-event}. */
    public static Problem of(String slug, String title, int status, String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, errors);
    }

    /**
     * One offending field.
     *
     * @param index   position of the event in a batch (absent for single requests)
     * @param id      the event's id, when it has one
     * @param field   dotted path of the field
     * @param message what is wrong
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(Integer index, String id, String field, String message) {
        public static FieldError of(String field, String message) {
            return new FieldError(null, null, field, message);
        }
    }
}
