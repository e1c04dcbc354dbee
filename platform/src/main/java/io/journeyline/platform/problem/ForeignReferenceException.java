package io.journeyline.platform.problem;

import java.util.List;

/**
 * A request or event names something by id — a case, a pain point, an intervention — that belongs to another
 * customer than the one it is about. Ids are guessable (name-based UUIDs anyone can compute, or simply seen), so no
 * service acts on such a reference: over HTTP it is a 409 naming the field; in a consumer it is a permanent failure,
 * so the platform's pipeline dead-letters just that event ({@code processing-failed}, this message as the detail).
 */
public class ForeignReferenceException extends ProblemException {

    public ForeignReferenceException(String field, String id) {
        super(Problem.of("foreign-reference", "Conflict", 409, message(field, id),
                List.of(Problem.FieldError.of(field, "belongs to another customer"))));
    }

    private static String message(String field, String id) {
        return field + " '" + id + "' belongs to another customer than the one this is about";
    }
}
