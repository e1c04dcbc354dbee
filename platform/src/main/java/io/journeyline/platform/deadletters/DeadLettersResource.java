package io.journeyline.platform.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.platform.audit.AuditSubject;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /api/v1/dead-letters} on every service (admin): the records this service's consumers dead-lettered, read
 * from the dead-letter topics ({@link DeadLetterReader}), and their replay after a fix ({@link DeadLetterReplays}).
 * Reading a dead letter's payload is reading its customer's data: each customer of a page is named in the access log.
 */
@Path("/api/v1/dead-letters")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLettersResource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeadLetterReader reader;
    private final DeadLetterReplays replays;
    private final DeadLetterConfig config;
    private final AuditSubject subject;

    public DeadLettersResource(DeadLetterReader reader, DeadLetterReplays replays, DeadLetterConfig config,
                               AuditSubject subject) {
        this.reader = reader;
        this.replays = replays;
        this.config = config;
        this.subject = subject;
    }

    /** A dead letter as an operator sees it; {@code replay} when it was replayed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String id, String topic, int partition, long offset, String reason, String detail,
                       String consumer, String channel, OffsetDateTime deadLetteredAt, String type, String key,
                       Map<String, String> headers, String payloadEncoding, Object payload, Boolean truncated,
                       String truncation, DeadLetterReplays.ReplayState replay) {
    }

    /** A page; {@code next} is the cursor of the following one, absent after the last. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(List<Item> items, String next) {
    }

    /** Either {@code ids}, or a filter (any of the other fields). */
    public record ReplayRequest(List<String> ids, String reason, String type, String topic, String from, String to) {
    }

    /** A job just started: where to follow it is in the answer's {@code Location}. */
    public record Accepted(UUID id, String status) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "This service's dead letters, by partition and offset, with payload, headers and replay state")
    public Uni<Page> list(@QueryParam("reason") String reason, @QueryParam("type") String type,
                          @QueryParam("topic") String topic, @QueryParam("from") String from, @QueryParam("to") String to,
                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        DeadLetterFilter filter = DeadLetterFilter.parse(reason, type, topic, from, to, reader.topics(), errors);
        int size = pageSize(limit, errors);
        DeadLetterCursor position = cursor == null ? null : DeadLetterCursor.decode(cursor)
                .filter(c -> reader.isOurs(new DeadLetterId(c.topic(), c.partition(), c.offset())))
                .orElseGet(() -> {
                    errors.add(Problem.FieldError.of("cursor", "is not a cursor this API handed out"));
                    return null;
                });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid dead-letter query", errors);
        }
        return reader.page(filter, position, size).chain(page -> replays.states(page.items().stream()
                        .map(DeadLetter::id).toList())
                .map(states -> {
                    page.items().forEach(deadLetter -> subject.about(deadLetter.customerId()));
                    return new Page(page.items().stream().map(d -> item(d, states.get(d.id()))).toList(),
                            page.next() == null ? null : page.next().encode());
                }));
    }

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay dead letters (by ids or by filter) through their channel's intake, in the background")
    public Uni<Response> replay(ReplayRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        DeadLetterReplays.Selection selection = selection(request, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid replay request", errors);
        }
        return replays.start(selection, json(request)).map(id -> Response.accepted(new Accepted(id, "RUNNING"))
                .location(URI.create("/api/v1/dead-letters/replays/" + id)).build());
    }

    @GET
    @Path("/replays/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A replay job: status, progress, and the outcome of each dead letter")
    public Uni<DeadLetterReplays.Job> job(@PathParam("id") String id) {
        UUID job;
        try {
            job = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("replay job", id);
        }
        return replays.job(job).map(found -> found.orElseThrow(() -> ProblemException.notFound("replay job", id)));
    }

    private DeadLetterReplays.Selection selection(ReplayRequest request, List<Problem.FieldError> errors) {
        if (request == null) {
            errors.add(Problem.FieldError.of("ids", "give the ids of the dead letters to replay, or a filter"));
            return null;
        }
        DeadLetterFilter filter = DeadLetterFilter.parse(request.reason(), request.type(), request.topic(),
                request.from(), request.to(), reader.topics(), errors);
        if (request.ids() == null) {
            if (filter.isEmpty() && errors.isEmpty()) {
                errors.add(Problem.FieldError.of("ids", "give the ids of the dead letters to replay, or a filter"
                        + " (reason, type, topic, from, to)"));
            }
            return new DeadLetterReplays.Selection(null, filter);
        }
        if (!filter.isEmpty()) {
            errors.add(Problem.FieldError.of("ids", "give ids or a filter, not both"));
        }
        if (request.ids().isEmpty() || request.ids().size() > config.maxRecordsPerJob()) {
            errors.add(Problem.FieldError.of("ids", "must hold 1 to " + config.maxRecordsPerJob() + " ids"));
        }
        LinkedHashSet<DeadLetterId> ids = new LinkedHashSet<>();
        for (int i = 0; i < request.ids().size(); i++) {
            Optional<DeadLetterId> id = DeadLetterId.parse(request.ids().get(i)).filter(reader::isOurs);
            if (id.isEmpty()) {
                errors.add(Problem.FieldError.of("ids[" + i + "]", "is not the id of a dead letter of this service"
                        + " (<dlq-topic>:<partition>:<offset>)"));
            } else {
                ids.add(id.get());
            }
        }
        return new DeadLetterReplays.Selection(List.copyOf(ids), null);
    }

    private int pageSize(String limit, List<Problem.FieldError> errors) {
        if (limit == null) {
            return config.defaultPageSize();
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= config.maxPageSize()) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(Problem.FieldError.of("limit", "must be a number from 1 to " + config.maxPageSize()));
        return config.defaultPageSize();
    }

    private static Item item(DeadLetter deadLetter, DeadLetterReplays.ReplayState replay) {
        DeadLetter.Payload payload = deadLetter.payload();
        return new Item(deadLetter.id().toString(), deadLetter.originalTopic(), deadLetter.originalPartition(),
                deadLetter.originalOffset(), deadLetter.reason(), deadLetter.detail(), deadLetter.consumer(),
                deadLetter.channel(), deadLetter.deadLetteredAt(), deadLetter.type(), deadLetter.record().key(),
                deadLetter.headers(), payload.encoding(), payload.value(), deadLetter.truncated() ? Boolean.TRUE : null,
                deadLetter.truncation(), replay);
    }

    private static String json(ReplayRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a replay request could not be written as JSON", e);
        }
    }
}
