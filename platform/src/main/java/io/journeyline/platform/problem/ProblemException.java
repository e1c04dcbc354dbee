package io.journeyline.platform.problem;

import java.util.List;

/** Thrown by services and resources for any expected failure; mapped to problem+json centrally. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of("not-found", "Not Found", 404, what + " '" + id + "' does not exist", List.of()));
    }

    /** What was there is no longer usable (an expired link): 410. */
    public static ProblemException gone(String detail) {
        return new ProblemException(Problem.of("gone", "Gone", 410, detail, List.of()));
    }

    /**
     * The caller's role lacks a right this request needs (403), saying which; {@code errors} name the fields that
     * ask for it, when any.
     */
    public static ProblemException forbidden(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, detail, errors));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", "Conflict", 409, detail, List.of()));
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("invalid-request", "Bad Request", 400, detail, errors));
    }
}
