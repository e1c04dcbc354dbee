package io.journeyline.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.journeyline.platform.messaging.Failures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps every failure to {@code application/problem+json}; never a stack trace, never a 500 for bad input. A failure
 * that passes by itself (the database away, a deadlock: {@link Failures#isTransient}) is a 503 with {@code Retry-After},
 * a statement the database cancelled for its timeout a 503 without (narrow the request), not a 500.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> Problem.FieldError.of(requestField(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(Problem.of("invalid-request", "Bad Request", 400, "the request has invalid fields", errors));
    }

    @ServerExceptionMapper({MismatchedInputException.class, InvalidFormatException.class})
    public Response unreadableField(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return respond(Problem.of("invalid-request", "Bad Request", 400, "the request body has a field of the wrong type",
                List.of(Problem.FieldError.of(field.isEmpty() ? "(body)" : field, e.getOriginalMessage()))));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return respond(Problem.of("malformed-json", "Bad Request", 400, "the request body is not valid JSON: "
                + e.getOriginalMessage(), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(Problem.of("unauthorized", "Unauthorized", 401,
                "a valid bearer token is required", List.of()))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", "Forbidden", 403, "your token's roles do not allow this", List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of(slug(status.getReasonPhrase()), status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage(), List.of()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (Failures.isStatementTimeout(e)) {
            // no Retry-After: the same request would most likely take as long again
            LOG.warnf("a request took longer than the statement timeout: %s", Failures.describe(e));
            return respond(Problem.of("statement-timeout", "Service Unavailable", 503, "the request took longer than "
                    + "the database allows (journeyline.db.statement-timeout); narrow it (a shorter period) or try later",
                    List.of()));
        }
        if (Failures.isTransient(e)) {
            LOG.warnf("a request met a failure that passes (database or broker unavailable, a deadlock): %s",
                    Failures.describe(e));
            return unavailable(Problem.of("unavailable", "Service Unavailable", 503,
                    "the service cannot complete this right now; try again", List.of()));
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of("internal-error", "Internal Server Error", 500,
                "an unexpected error occurred; it has been logged", List.of()));
    }

    /** {@code create.arg0.score} → {@code score}: Bean Validation paths carry the method and parameter. */
    private static String requestField(String path) {
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }

    private static String slug(String phrase) {
        return phrase == null ? "error" : phrase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** Seconds a client should wait before it sends a request that met a passing failure again. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** 503 with {@code Retry-After}: nothing was done, and the same request may well succeed soon. */
    private static Response unavailable(Problem problem) {
        return Response.fromResponse(respond(problem)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
