package io.journeyline.feedback.rest;

import io.journeyline.feedback.persistence.CaseRepository.Order;
import io.journeyline.feedback.persistence.CaseRepository.Position;
import io.journeyline.platform.paging.KeysetCursor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The case lists' {@code cursor}, written and read only here: a {@link KeysetCursor} whose time is the last case's
 * opening time and whose tie-breaker names the order and the rest of its position — {@code n:<id>} newest first,
 * {@code u:<urgency>:<due time in epoch microseconds, empty when none counts>:<id>} by urgency. A cursor of the other
 * order, or one no list handed out, is the platform's 400 {@code invalid cursor}.
 */
final class CaseCursor {
    private CaseCursor() {
    }

    static String encode(Position position, Order order) {
        String tieBreaker = order == Order.URGENCY
                ? "u:" + position.urgency() + ":" + (position.urgentDueAt() == null ? "" : micros(position.urgentDueAt()))
                + ":" + position.id()
                : "n:" + position.id();
        return new KeysetCursor(position.openedAt(), tieBreaker).encode();
    }

    /** The position a {@code cursor} parameter names for {@code order}; null for none. */
    static Position decode(String cursor, Order order) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        if (after == null) {
            return null;
        }
        String[] parts = after.tieBreaker().split(":", order == Order.URGENCY ? 4 : 2);
        try {
            if (order == Order.URGENCY && parts.length == 4 && parts[0].equals("u") && !parts[3].isEmpty()) {
                int urgency = Integer.parseInt(parts[1]);
                if (urgency >= 0 && urgency <= 2) {
                    return new Position(after.time(), parts[3], urgency,
                            parts[2].isEmpty() ? null : time(Long.parseLong(parts[2])));
                }
            } else if (order == Order.NEWEST && parts.length == 2 && parts[0].equals("n") && !parts[1].isEmpty()) {
                return new Position(after.time(), parts[1], 2, null);
            }
        } catch (RuntimeException e) {   // not a number, or a time out of range
            throw KeysetCursor.invalid();
        }
        throw KeysetCursor.invalid();
    }

    private static long micros(OffsetDateTime time) {
        Instant at = time.toInstant();
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static OffsetDateTime time(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
                .atOffset(ZoneOffset.UTC);
    }
}
