package io.journeyline.journey.rest;

import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/** How list endpoints read times and keyset cursors from query parameters (400 problems naming the parameter). */
final class QueryParams {
    private QueryParams() {
    }

    /** A keyset position: the time of the last item shown and its tie-breaker (a sequence number or an id). */
    record Position(OffsetDateTime time, String tieBreaker) {
    }

    /** {@code "<epoch micros>:<tie-breaker>"}, base64url: opaque to clients, stable across pages. */
    static String cursor(OffsetDateTime time, String tieBreaker) {
        Instant at = time.toInstant();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + tieBreaker).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; null for none; 400 for one this API did not hand out. */
    static Position position(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Position(at.atOffset(ZoneOffset.UTC), text.substring(colon + 1));
        } catch (RuntimeException e) {
            throw invalidCursor();
        }
    }

    static ProblemException invalidCursor() {
        return ProblemException.badRequest("invalid cursor", List.of(Problem.FieldError.of("cursor",
                "not a cursor this API returned")));
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
