package io.journeyline.journey.rest;

import io.journeyline.platform.paging.KeysetCursor;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.journey.domain.TimelineEntry;
import io.journeyline.journey.persistence.TimelineRepository;
import io.journeyline.journey.service.TimelineService;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
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

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    public Uni<TimelinePage> timeline(@PathParam("customerId") @CustomerId String customerId,
                                      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                      @QueryParam("cursor") String cursor,
                                      @QueryParam("type") List<String> types,
                                      @QueryParam("source") String source,
                                      @QueryParam("channel") String channel,
                                      @QueryParam("from") String from,
                                      @QueryParam("to") String to) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        TimelineRepository.Position position;
        try {
            position = after == null ? null : new TimelineRepository.Position(after.time(), Long.parseLong(after.tieBreaker()));
        } catch (NumberFormatException e) {
            throw KeysetCursor.invalid();
        }
        var query = new TimelineRepository.Query(customerId, types, source, channel, QueryParams.time("from", from),
                QueryParams.time("to", to), position, limit + 1);
        return timeline.page(query).map(entries -> {
            var page = KeysetCursor.page(entries, limit, last -> new KeysetCursor(last.occurredAt, Long.toString(last.seq)));
            return new TimelinePage(customerId, page.shown().stream().map(TimelineResource::item).toList(),
                    page.nextCursor());
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
}
