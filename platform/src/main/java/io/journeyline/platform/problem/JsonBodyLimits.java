package io.journeyline.platform.problem;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventLimits;
import io.journeyline.platform.cloudevents.CloudEventCodec;
import io.journeyline.platform.cloudevents.MalformedEventException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Every {@code application/json} request body meets the same text and number rules as an event (ARCHITECTURE.md,
 * {@link EventLimits}): no U+0000 or lone surrogate in a string (PostgreSQL refuses the first, the second would be
 * stored altered), no number a JSON reader would read back altered, bounded nesting. A body that breaks them is a 400
 * naming every bad field before any work is done — not a 500 from the database halfway through. Bodies that are not
 * JSON at all are left to the endpoint's reader (which answers malformed-json). CloudEvents bodies are checked by
 * ingest itself.
 */
@Provider
public class JsonBodyLimits implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !"application".equals(type.getType()) || !"json".equals(type.getSubtype())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        context.setInputStream(new ByteArrayInputStream(body));
        if (body.length > 0) {
            JsonNode tree;
            try {
                tree = CloudEventCodec.readJson(body);
            } catch (MalformedEventException e) {
                if (e.field() != null) {
                    // nested deeper than the bound: refused here, never handed on unchecked
                    throw ProblemException.badRequest("the request has invalid fields",
                            List.of(Problem.FieldError.of(e.field(), e.problem())));
                }
                return context.proceed();
            }
            List<Problem.FieldError> errors = EventLimits.bounded(EventLimits.check(tree)).stream()
                    .map(v -> Problem.FieldError.of(v.field(), v.message())).toList();
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("the request has invalid fields", errors);
            }
        }
        return context.proceed();
    }
}
