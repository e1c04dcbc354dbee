package io.journeyline.journey.rest;

import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How list endpoints read times from query parameters (400 problems naming the parameter); their cursors:
 * {@link io.journeyline.platform.paging.KeysetCursor}.
 */
final class QueryParams {
    private QueryParams() {
    }

    /** An RFC 3339 date-time parameter; null when absent. */
    static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // An unencoded "+" of an offset arrives as a space; read it as the client meant it.
            return OffsetDateTime.parse(value.trim().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid " + name, List.of(Problem.FieldError.of(name,
                    "must be an RFC 3339 date-time with offset, e.g. 2026-11-22T09:30:00Z")));
        }
    }
}
