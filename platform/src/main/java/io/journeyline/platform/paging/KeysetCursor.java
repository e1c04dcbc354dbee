package io.journeyline.platform.paging;

import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A keyset position in a list ordered by a time, newest first: the time of the last item shown and a tie-breaker
 * (a sequence number, an id, or several keys joined by the list). Every list of the four services that pages by time
 * hands its {@code cursor} out and reads it back through this class, so a cursor looks and fails the same everywhere.
 */
public record KeysetCursor(OffsetDateTime time, String tieBreaker) {

    /** {@code "<epoch micros>:<tie-breaker>"}, base64url: opaque to clients, stable across pages. */
    public String encode() {
        Instant at = time.toInstant();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + tieBreaker).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a {@code cursor} parameter names; null for none; a 400 problem for one no list handed out. */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new KeysetCursor(at.atOffset(ZoneOffset.UTC), text.substring(colon + 1));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    /** The rows a page shows and the position after its last one: null when nothing follows. */
    public record Page<T>(List<T> shown, String nextCursor) {
    }

    /**
     * The page of rows read with one more than {@code limit} (that one says whether another page follows): the first
     * {@code limit}, and the cursor at the last of them, its position given by {@code position}, when more were read.
     */
    public static <T> Page<T> page(List<T> read, int limit, Function<T, KeysetCursor> position) {
        if (read.size() <= limit) {
            return new Page<>(read, null);
        }
        List<T> shown = read.subList(0, limit);
        return new Page<>(shown, position.apply(shown.get(limit - 1)).encode());
    }

    /** The 400 problem for a cursor that decodes but names no position of this list. */
    public static ProblemException invalid() {
        return ProblemException.badRequest("invalid cursor", List.of(Problem.FieldError.of("cursor",
                "not a cursor this API returned")));
    }
}
