package io.journeyline.journey.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventLimits;
import io.journeyline.contract.EventSchemas;
import io.journeyline.contract.EventType;
import io.journeyline.contract.Topics;
import io.journeyline.contract.Violation;
import io.journeyline.journey.config.IngestConfig;
import io.journeyline.journey.service.IngestService;
import io.journeyline.platform.cloudevents.CloudEventCodec;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.cloudevents.MalformedEventException;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/events}: other company systems send touchpoint events here as CloudEvents,
 * one ({@code application/cloudevents+json}) or a batch ({@code application/cloudevents-batch+json}).
 * Every event is validated before any is accepted; a rejected batch publishes nothing.
 */
@Path("/api/v1/events")
@Tag(name = "ingest")
public class EventIngestResource {
    /** Most field errors a 400 names one by one (each event's own are bounded too, {@link EventLimits#MAX_REPORTED}). */
    static final int MAX_ERRORS = 100;

    private final EventSchemas schemas;
    private final IngestService ingest;
    private final IngestConfig config;
    private final JsonWebToken token;

    public EventIngestResource(EventSchemas schemas, IngestService ingest, IngestConfig config, JsonWebToken token) {
        this.schemas = schemas;
        this.ingest = ingest;
        this.config = config;
        this.token = token;
    }

    /** The answer to an accepted request. */
    public record Accepted(int count, List<String> accepted) {
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes({CloudEventCodec.STRUCTURED_CONTENT_TYPE, CloudEventCodec.BATCH_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send touchpoint events (CloudEvents 1.0, structured JSON, single or batch)")
    public Uni<Response> ingest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                @HeaderParam("traceparent") String traceparent, byte[] body) {
        if (body.length > config.maxBodySize().asLongValue()) {
            throw tooLarge("the body is " + body.length + " bytes; the limit is " + config.maxBodySize().asLongValue());
        }
        boolean batch = contentType != null && contentType.startsWith(CloudEventCodec.BATCH_CONTENT_TYPE);
        List<JsonNode> envelopes;
        try {
            envelopes = CloudEventCodec.readHttpBody(body, batch);
        } catch (MalformedEventException e) {
            if (e.field() != null) {
                // Readable JSON that breaks the contract while being read (nesting too deep): a field error.
                throw new ProblemException(Problem.of("invalid-event", "Invalid CloudEvent", 400, "the event is invalid",
                        List.of(Problem.FieldError.of(e.field(), e.problem()))));
            }
            throw new ProblemException(Problem.of(e.reason(), "Bad Request", 400, e.getMessage(), List.of()));
        }
        if (envelopes.size() > config.maxBatchEvents()) {
            throw tooLarge("the batch has " + envelopes.size() + " events; the limit is " + config.maxBatchEvents());
        }
        List<IncomingEvent> events = validate(envelopes, batch);
        refuseWhatThisClientMayNotSend(events, batch);
        return ingest.accept(events, traceparent, batch).map(ignored -> Response.accepted(
                new Accepted(events.size(), events.stream().map(IncomingEvent::id).toList())).build());
    }

    private List<IncomingEvent> validate(List<JsonNode> envelopes, boolean batch) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>(envelopes.size());
        int invalidEvents = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            JsonNode envelope = envelopes.get(i);
            List<Violation> violations = envelope.isObject()
                    ? new ArrayList<>(schemas.validate(envelope))
                    : List.of(new Violation("(event)", "a CloudEvent must be a JSON object"));
            ingestTopicViolation(envelope).ifPresent(violations::add);
            if (violations.isEmpty()) {
                try {
                    events.add(IncomingEvent.fromValidEnvelope(envelope));
                } catch (MalformedEventException e) {
                    violations.add(new Violation("time", e.getMessage()));
                }
            }
            Integer index = batch ? i : null;
            String id = envelope.path("id").isTextual() ? envelope.path("id").asText() : null;
            violations.forEach(v -> errors.add(new Problem.FieldError(index, id, v.field(), v.message())));
            invalidEvents += violations.isEmpty() ? 0 : 1;
        }
        if (!errors.isEmpty()) {
            String detail = batch
                    ? invalidEvents + " of " + envelopes.size() + " events are invalid; none was accepted"
                    : "the event is invalid";
            throw new ProblemException(Problem.of("invalid-event", "Invalid CloudEvent", 400, detail, bounded(errors)));
        }
        return events;
    }

    /**
     * 403 naming each event (and field) the token does not allow this client to send: a source or type outside its
     * binding, or a source of Journeyline's own services. Nothing of the request is accepted.
     */
    private void refuseWhatThisClientMayNotSend(List<IncomingEvent> events, boolean batch) {
        IngestClient client = IngestClient.of(token);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            IncomingEvent event = events.get(i);
            Integer index = batch ? i : null;
            client.refusal(event).ifPresent(refusal -> errors.add(new Problem.FieldError(index, event.id(),
                    refusal.field(), refusal.message())));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("forbidden-event", "Forbidden", 403, errors.size() + " of "
                    + events.size() + " events are not this client's to send; none was accepted", bounded(errors)));
        }
    }

    /** The first {@value #MAX_ERRORS} errors of a request by name, then one counting the rest: a bounded answer. */
    private static List<Problem.FieldError> bounded(List<Problem.FieldError> errors) {
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        List<Problem.FieldError> shown = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        shown.add(Problem.FieldError.of("(request)", "and " + (errors.size() - MAX_ERRORS) + " more errors"));
        return shown;
    }

    /** Ingest publishes on journey.touchpoints only; other types belong to the services that own them. */
    private static java.util.Optional<Violation> ingestTopicViolation(JsonNode envelope) {
        return EventType.fromType(envelope.path("type").asText(null))
                .filter(type -> !type.belongsOn(Topics.TOUCHPOINTS))
                .map(type -> new Violation("type", "'" + type.type() + "' is published by its owning service on "
                        + String.join(", ", new java.util.TreeSet<>(type.topics())) + "; HTTP ingest accepts only events of " + Topics.TOUCHPOINTS));
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of("payload-too-large", "Payload Too Large", 413, detail, List.of()));
    }
}
