package io.journeyline.journey.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.journey.domain.TimelineEntry;
import io.journeyline.journey.persistence.TimelineRepository;
import io.journeyline.journey.service.TimelineService;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/** {@code GET /api/v1/customers/{customerId}/timeline}: every event of a customer, newest first. */
@Path("/api/v1/customers/{customerId}/timeline")
@Tag(name = "customers")
public class TimelineResource {
    private final TimelineService timeline;

    public TimelineResource(TimelineService timeline) {
        this.timeline = timeline;
    }

    /** One page; pass {@code nextCursor} back as {@code cursor} for the next, absent on the last page. */
    public record TimelinePage(String customerId, List<Item> items, String nextCursor) {
    }

    /** One event as an agent sees it. */
    public record Item(String eventId, String source, String type, OffsetDateTime time, String channel,
                       String touchpoint, String summary, JsonNode data) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A customer's timeline, newest first, with cursor paging and filters")
    public Uni<TimelinePage> timeline(@PathParam("customerId") String customerId,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                      @QueryParam("cursor") String cursor,
                                      @QueryParam("type") List<String> types,
                                      @QueryParam("source") String source,
                                      @QueryParam("channel") String channel,
                                      @QueryParam("from") String from,
                                      @QueryParam("to") String to) {
        var query = new TimelineRepository.Query(customerId, types, source, channel, time("from", from), time("to", to),
                decodeCursor(cursor), limit + 1);
        return timeline.page(query).map(entries -> {
            boolean more = entries.size() > limit;
            List<TimelineEntry> page = more ? entries.subList(0, limit) : entries;
            String next = more ? encodeCursor(page.get(page.size() - 1)) : null;
            return new TimelinePage(customerId, page.stream().map(TimelineResource::item).toList(), next);
        });
    }

    private static Item item(TimelineEntry entry) {
        JsonNode data;
        try {
            data = EventJson.mapper().readTree(entry.data);
        } catch (Exception e) {
            throw new IllegalStateException("stored event data is not JSON: " + entry.eventId, e);
        }
        return new Item(entry.eventId, entry.eventSource, entry.type, entry.occurredAt.withOffsetSameInstant(ZoneOffset.UTC),
                entry.channel, entry.touchpoint, entry.summary, data);
    }

    // A cursor is the keyset position of the last item shown: "<epoch micros>:<seq>", base64url.
    private static String encodeCursor(TimelineEntry last) {
        Instant at = last.occurredAt.toInstant();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + last.seq).getBytes(StandardCharsets.US_ASCII));
    }

    private static TimelineRepository.Position decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            long micros = Long.parseLong(parts[0]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new TimelineRepository.Position(at.atOffset(ZoneOffset.UTC), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("invalid cursor", List.of(Problem.FieldError.of("cursor",
                    "not a cursor this API returned")));
        }
    }

    private static OffsetDateTime time(String name, String value) {
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
