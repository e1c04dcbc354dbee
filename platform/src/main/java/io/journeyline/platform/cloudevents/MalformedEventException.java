package io.journeyline.platform.cloudevents;

/**
 * Bytes that cannot be read as a valid CloudEvent: not JSON, not an object, binary-mode headers missing, nested
 * beyond the contract's limit, or a value Java cannot hold.
 */
public class MalformedEventException extends RuntimeException {
    private final String reason;
    private final String field;

    /**
     * @param reason a stable machine-readable code (for dead-letter headers and metrics)
     * @param detail what is wrong, for a human
     */
    public MalformedEventException(String reason, String detail) {
        this(reason, null, detail);
    }

    /**
     * @param field the offending field (dotted path), when one can be named
     */
    public MalformedEventException(String reason, String field, String detail) {
        super(field == null ? detail : field + ": " + detail);
        this.reason = reason;
        this.field = field;
    }

    /** The offending field, or null when the problem is the whole body. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field. */
    public String problem() {
        return field == null ? getMessage() : getMessage().substring(field.length() + 2);
    }

    /** A stable code: {@code malformed-json}, {@code not-an-object}, {@code not-a-cloudevent}, {@code invalid-envelope}. */
    public String reason() {
        return reason;
    }
}
