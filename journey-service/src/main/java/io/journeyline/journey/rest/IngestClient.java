package io.journeyline.journey.rest;

import io.journeyline.contract.Topics;
import io.journeyline.platform.cloudevents.IncomingEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What one HTTP ingest client may send, from its token: the CloudEvents {@code source}s ({@value #SOURCES} claim: exact
 * sources, or prefixes ending in {@code /*}) and the event types ({@value #TYPES} claim). A claim the token does not
 * carry does not restrict; sources of Journeyline's own services ({@link Topics#RESERVED_SOURCE_PREFIX}) are never
 * anyone's to send. So a client cannot pass its events off as another's, nor take another producer's
 * (source, id) so that the real event is dropped as a duplicate, nor send consent changes unless it is allowed to.
 *
 * @param sources the sources and source prefixes it may send, or null for any
 * @param types   the event types it may send, or null for any that ingest takes
 */
record IngestClient(List<String> sources, List<String> types) {
    /** Claim naming the sources a client may send. */
    static final String SOURCES = "journeyline_sources";
    /** Claim naming the event types a client may send. */
    static final String TYPES = "journeyline_types";

    static IngestClient of(JsonWebToken token) {
        return new IngestClient(strings(token.getClaim(SOURCES)), strings(token.getClaim(TYPES)));
    }

    /** Why this client may not send {@code event} (the offending field, and the message), or empty when it may. */
    Optional<Refusal> refusal(IncomingEvent event) {
        if (event.source().startsWith(Topics.RESERVED_SOURCE_PREFIX)) {
            return Optional.of(new Refusal("source", "'" + event.source() + "' is Journeyline's own ("
                    + Topics.RESERVED_SOURCE_PREFIX + "…); no client may send it"));
        }
        if (sources != null && sources.stream().noneMatch(allowed -> matches(allowed, event.source()))) {
            return Optional.of(new Refusal("source", "this client may send sources " + sources + ", not '"
                    + event.source() + "'"));
        }
        if (types != null && !types.contains(event.type().type())) {
            return Optional.of(new Refusal("type", "this client may send types " + types + ", not '"
                    + event.type().type() + "'"));
        }
        return Optional.empty();
    }

    /** A field this client may not send as it is, and why. */
    record Refusal(String field, String message) {
    }

    private static boolean matches(String allowed, String source) {
        return allowed.endsWith("/*") ? source.startsWith(allowed.substring(0, allowed.length() - 1)) : allowed.equals(source);
    }

    private static List<String> strings(Object claim) {
        if (claim == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> values.add(value instanceof JsonString text ? text.getString() : value.toString()));
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> values.add(String.valueOf(value)));
        } else {
            values.add(claim instanceof JsonString text ? text.getString() : String.valueOf(claim));
        }
        return List.copyOf(values);
    }
}
