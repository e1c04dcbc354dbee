package io.journeyline.platform.cloudevents;

/** Bytes that are not a CloudEvent at all: not JSON, not an object, or binary-mode headers missing. */
public class MalformedEventException extends RuntimeException {
    private final String reason;

    /**
     * @param reason a stable machine-readable code (for dead-letter headers and metrics)
     * @param detail what is wrong, for a human
     */
    public MalformedEventException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    /** A stable code: {@code malformed-json}, {@code not-an-object}, {@code not-a-cloudevent}, {@code invalid-envelope}. */
    public String reason() {
        return reason;
    }
}
