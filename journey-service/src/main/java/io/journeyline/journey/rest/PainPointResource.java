package io.journeyline.journey.rest;

import io.journeyline.platform.paging.KeysetCursor;

import io.journeyline.contract.FieldLimits;
import io.journeyline.journey.domain.Intervention;
import io.journeyline.journey.domain.PainPoint;
import io.journeyline.journey.persistence.PainPointRepository;
import io.journeyline.journey.service.PainPointService;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.audit.AuditSubject;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.platform.validation.CustomerId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The pain-point worklist ({@code GET /api/v1/pain-points}), a customer's pain points, and the agent's commands on
 * one: acknowledge, dismiss (with a reason).
 */
@Path("/api/v1")
@Tag(name = "pain points")
@Produces(MediaType.APPLICATION_JSON)
public class PainPointResource {
    private final PainPointService painPoints;
    private final SecurityIdentity identity;
    private final AuditSubject audit;

    public PainPointResource(PainPointService painPoints, SecurityIdentity identity, AuditSubject audit) {
        this.painPoints = painPoints;
        this.identity = identity;
        this.audit = audit;
    }

    /** A pain point as an agent sees it: what fired, on what evidence, and what was done about it. */
    public record Item(String id, String customerId, String ruleId, int ruleVersion, int ruleSetVersion, String status,
                       boolean shadow, String severity, String topic, String touchpoint, OffsetDateTime detectedAt,
                       List<String> evidence, List<InterventionItem> interventions, String statusNote,
                       String statusChangedBy, OffsetDateTime statusChangedAt, String resolution) {
    }

    /** An intervention, sent or suppressed (with the guard that suppressed it and why). */
    public record InterventionItem(String id, String painPointId, String ruleId, String type, String topic,
                                   String status, String suppressedBy, String reason, OffsetDateTime decidedAt) {
    }

    public record Page(List<Item> items, String nextCursor) {
    }

    /** The body of acknowledge (note optional) and dismiss (reason required). */
    public record Command(@Size(max = FieldLimits.REASON) String reason) {
    }

    @GET
    @Path("/pain-points")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "The worklist: pain points newest first, with filters and cursor paging")
    public Uni<Page> worklist(@QueryParam("status") List<String> statuses, @QueryParam("rule") String rule,
                              @QueryParam("severity") String severity, @QueryParam("topic") String topic,
                              @QueryParam("touchpoint") String touchpoint, @QueryParam("since") String since,
                              @QueryParam("shadow") @DefaultValue("false") boolean shadow,
                              @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                              @QueryParam("cursor") String cursor) {
        return page(null, statuses, rule, severity, topic, touchpoint, since, shadow, limit, cursor);
    }

    @GET
    @Path("/customers/{customerId}/pain-points")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "A customer's pain points, newest first")
    public Uni<Page> ofCustomer(@PathParam("customerId") @CustomerId String customerId,
                                @QueryParam("status") List<String> statuses,
                                @QueryParam("shadow") @DefaultValue("false") boolean shadow,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                @QueryParam("cursor") String cursor) {
        return page(customerId, statuses, null, null, null, null, null, shadow, limit, cursor);
    }

    @GET
    @Path("/pain-points/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "One pain point")
    public Uni<Item> one(@PathParam("id") @ContractId String id) {
        return painPoints.get(id).map(this::audited);
    }

    @POST
    @Path("/pain-points/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "An agent takes the pain point (OPEN → ACKNOWLEDGED); 409 from any other status")
    public Uni<Item> acknowledge(@PathParam("id") @ContractId String id, @Valid Command command) {
        return painPoints.acknowledge(id, agent(), command == null ? null : command.reason()).map(this::audited);
    }

    @POST
    @Path("/pain-points/{id}/dismiss")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "An agent dismisses the pain point with a reason (OPEN or ACKNOWLEDGED → DISMISSED)")
    public Uni<Item> dismiss(@PathParam("id") @ContractId String id, @Valid Command command) {
        if (command == null || command.reason() == null || command.reason().isBlank()) {
            throw ProblemException.badRequest("a dismissal needs a reason",
                    List.of(Problem.FieldError.of("reason", "is required")));
        }
        return painPoints.dismiss(id, agent(), command.reason()).map(this::audited);
    }

    private Uni<Page> page(String customerId, List<String> statuses, String rule, String severity, String topic,
                           String touchpoint, String since, boolean shadow, int limit, String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> statusNames = new ArrayList<>();
        for (String status : statuses == null ? List.<String>of() : statuses) {
            for (String one : status.split(",")) {
                String name = one.trim().toUpperCase(Locale.ROOT);
                if (Arrays.stream(PainPoint.Status.values()).noneMatch(s -> s.name().equals(name))) {
                    errors.add(Problem.FieldError.of("status", "'" + one + "' is not one of "
                            + Arrays.toString(PainPoint.Status.values())));
                }
                statusNames.add(name);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid filter", errors);
        }
        KeysetCursor after = KeysetCursor.decode(cursor);
        var query = new PainPointRepository.Query(customerId == null ? null : List.of(customerId), statusNames, rule,
                severity == null ? null : severity.toUpperCase(Locale.ROOT), topic, touchpoint,
                QueryParams.time("since", since), after == null ? null : after.time(),
                after == null ? null : after.tieBreaker(), limit + 1, shadow);
        return painPoints.page(query).map(views -> {
            var page = KeysetCursor.page(views, limit,
                    last -> new KeysetCursor(last.painPoint().detectedAt, last.painPoint().id));
            return new Page(page.shown().stream().map(PainPointResource::item).toList(), page.nextCursor());
        });
    }

    /** The pain point as the answer shows it; the access log names its customer. */
    private Item audited(PainPointService.View view) {
        Item item = item(view);
        if (item.customerId() != null) {
            audit.about(item.customerId());
        }
        return item;
    }

    private String agent() {
        return identity.getPrincipal().getName();
    }

    static Item item(PainPointService.View view) {
        PainPoint p = view.painPoint();
        return new Item(p.id, p.customerId, p.ruleId, p.ruleVersion, p.ruleSetVersion, p.status, p.shadow, p.severity,
                p.topic, p.touchpoint, utc(p.detectedAt), view.evidence(),
                view.interventions().stream().map(PainPointResource::intervention).toList(), p.statusNote,
                p.statusChangedBy, utc(p.statusChangedAt), p.resolution);
    }

    static InterventionItem intervention(Intervention i) {
        return new InterventionItem(i.id, i.painPointId, i.ruleId, i.type, i.topic, i.status, i.suppressedBy, i.reason,
                utc(i.decidedAt));
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
