package io.journeyline.platform.outbox;

import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code /api/v1/outbox/parked} on every service (admin): the events this service accepted but Kafka refused for
 * good (too large, invalid), parked by {@link OutboxRelay} so the rest went out. An operator sees why, and retries
 * one (after raising the broker's limit, say: it goes back to the end of the outbox) or discards it.
 */
@Path("/api/v1/outbox/parked")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedEventsResource {

    /** A parked event as an operator sees it (not its data, which can be large and personal). */
    public record ParkedEvent(long id, String eventId, String source, String type, String topic, String key,
                              OffsetDateTime occurredAt, int sizeBytes, String error, OffsetDateTime parkedAt) {
    }

    public record Page(List<ParkedEvent> items, String nextCursor) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Events Kafka refused for good (too large, invalid), oldest first, with the error")
    public Uni<Page> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                          @QueryParam("cursor") String cursor) {
        long after = after(cursor);
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select seq, event_id, source, type, topic, record_key, occurred_at, size_bytes, error, parked_at
                        from platform_outbox_parked where seq > ?1 order by seq limit ?2""", Object[].class)
                .setParameter(1, after).setParameter(2, limit + 1)
                .getResultList()))
                .map(rows -> {
                    List<ParkedEvent> items = rows.stream().limit(limit).map(row -> new ParkedEvent(
                            ((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                            (String) row[4], (String) row[5], (OffsetDateTime) row[6], ((Number) row[7]).intValue(),
                            (String) row[8], (OffsetDateTime) row[9])).toList();
                    return new Page(items, rows.size() > limit ? Long.toString(items.get(items.size() - 1).id()) : null);
                });
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Put a parked event back at the end of the outbox, to be sent again")
    public Uni<Response> retry(@PathParam("id") long id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        with parked as (delete from platform_outbox_parked where seq = ?1 returning *)
                        insert into outbox_events (event_id, source, type, topic, record_key, occurred_at, data,
                            extensions, created_at)
                        select event_id, source, type, topic, record_key, occurred_at, data, extensions, created_at
                        from parked""")
                .setParameter(1, id).executeUpdate()))
                .map(moved -> {
                    if (moved == 0) {
                        throw ProblemException.notFound("parked event", Long.toString(id));
                    }
                    return Response.accepted().build();
                });
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Discard a parked event: it will never be sent")
    public Uni<Response> discard(@PathParam("id") long id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("delete from platform_outbox_parked where seq = ?1")
                        .setParameter(1, id).executeUpdate()))
                .map(deleted -> {
                    if (deleted == 0) {
                        throw ProblemException.notFound("parked event", Long.toString(id));
                    }
                    return Response.noContent().build();
                });
    }

    private static long after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid cursor", List.of(Problem.FieldError.of("cursor",
                    "is not a cursor this API handed out")));
        }
    }
}
