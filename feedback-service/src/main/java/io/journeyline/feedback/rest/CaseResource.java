package io.journeyline.feedback.rest;

import io.journeyline.feedback.domain.cases.CaseRights;
import io.journeyline.feedback.persistence.CaseRepository;
import io.journeyline.feedback.domain.cases.CaseLifecycle.Command;
import io.journeyline.feedback.service.CaseCommands;
import io.journeyline.feedback.service.CaseService;
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
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The case queue, one case with its contacts and history, a customer's cases, and the commands on a case. */
@Path("/api/v1")
@Tag(name = "cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
public class CaseResource {
    private final AuditSubject audit;
    private final CaseService cases;
    private final CaseCommands commands;
    private final SecurityIdentity identity;

    public CaseResource(CaseService cases, CaseCommands commands, SecurityIdentity identity, AuditSubject audit) {
        this.audit = audit;
        this.cases = cases;
        this.commands = commands;
        this.identity = identity;
    }

    /** Cases, each with its most urgent open SLA clock ({@code sla}); pass {@code nextCursor} back for the next page. */
    public record Page(List<CaseService.CaseSummary> items,
                       @Schema(description = "The cursor of the next page (the same list's parameters with "
                               + "cursor=nextCursor); null on the last page", nullable = true) String nextCursor) {
    }

    @GET
    @Path("/cases")
    @Operation(summary = "The case queue, newest first or order=urgency, paged with limit and cursor: filters status, "
            + "priority, topic, team, assignee, and breached (true: a case with a breached SLA clock; false: none breached)",
            description = "Each case carries sla: its most urgent open clock ({clock, dueAt, remaining, state}), or null. "
                    + "Newest first is by opening time, then id. order=urgency puts the cases with a breached clock "
                    + "first, then those with an at-risk one (each by due time), then the others with a running clock by "
                    + "nearest due time, then the rest (paused, stopped, resolved or closed) newest first. nextCursor, "
                    + "passed back as cursor with the same filters and order, gives the next page; walked to the end, "
                    + "the pages hold each case once")
    public Uni<Page> queue(@QueryParam("status") String status, @QueryParam("priority") String priority,
                           @QueryParam("topic") String topic, @QueryParam("team") String team,
                           @QueryParam("assignee") String assignee, @QueryParam("breached") Boolean breached,
                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                           @QueryParam("order") @DefaultValue("newest")
                           @Parameter(description = "newest (by opening time, the default) or urgency")
                           @Pattern(regexp = "^(newest|urgency)$", message = "must be newest or urgency") String order,
                           @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page; 400 "
                                   + "invalid cursor for one this list (in this order) did not hand out") String cursor) {
        CaseRepository.Order by = "urgency".equals(order) ? CaseRepository.Order.URGENCY : CaseRepository.Order.NEWEST;
        return page(new CaseRepository.Query(null, status, priority, topic, team, assignee, breached, limit, by,
                CaseCursor.decode(cursor, by)));
    }

    @GET
    @Path("/cases/{caseId}")
    @Operation(summary = "A case with what brought it about (contacts), its full history, the commands its state "
            + "allows now (allowed) and its SLA clocks (clocks)",
            description = "allowed lists the command paths a POST to /api/v1/cases/{caseId}/<command> would accept now "
                    + "(409 otherwise, naming the same list); clocks has one entry per SLA clock: clock, dueAt (while it "
                    + "counts), remaining (ISO-8601, while paused), state (running, paused, stopped, at-risk, breached). "
                    + "Every command answers this view too")
    public Uni<CaseService.CaseView> one(@PathParam("caseId") @ContractId String caseId) {
        return cases.get(caseId).invoke(view -> audit.about(view.record().customerId()));
    }

    @POST
    @Path("/cases/{caseId}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "RECEIVED → ACKNOWLEDGED; publishes case.acknowledged. 409 naming the allowed commands otherwise")
    public Uni<CaseService.CaseView> acknowledge(@PathParam("caseId") @ContractId String caseId,
                                                 @Valid CaseCommands.Input input) {
        return run(caseId, Command.ACKNOWLEDGE, input);
    }

    @POST
    @Path("/cases/{caseId}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give the case a team and/or an assignee (an acknowledged case goes IN_PROGRESS). An agent may "
            + "only take an unassigned case themselves; assigning to someone else or reassigning is a supervisor's (403)")
    public Uni<CaseService.CaseView> assign(@PathParam("caseId") @ContractId String caseId,
                                            @Valid CaseCommands.Input input) {
        return run(caseId, Command.ASSIGN, input);
    }

    @POST
    @Path("/cases/{caseId}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a note to the case's history")
    public Uni<CaseService.CaseView> note(@PathParam("caseId") @ContractId String caseId,
                                          @Valid CaseCommands.Input input) {
        return run(caseId, Command.NOTE, input);
    }

    @POST
    @Path("/cases/{caseId}/escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Escalate (supervisor): ESCALATED, priority one level up; publishes case.escalated")
    public Uni<CaseService.CaseView> escalate(@PathParam("caseId") @ContractId String caseId,
                                              @Valid CaseCommands.Input input) {
        return run(caseId, Command.ESCALATE, input);
    }

    @POST
    @Path("/cases/{caseId}/wait-on-customer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The case waits on the customer (its SLA clocks pause)")
    public Uni<CaseService.CaseView> waitOnCustomer(@PathParam("caseId") @ContractId String caseId,
                                                    @Valid CaseCommands.Input input) {
        return run(caseId, Command.WAIT_ON_CUSTOMER, input);
    }

    @POST
    @Path("/cases/{caseId}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The customer answered: the case's clocks run again")
    public Uni<CaseService.CaseView> resume(@PathParam("caseId") @ContractId String caseId,
                                            @Valid CaseCommands.Input input) {
        return run(caseId, Command.RESUME, input);
    }

    @POST
    @Path("/cases/{caseId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve with a root cause from the taxonomy (required); publishes case.resolved")
    public Uni<CaseService.CaseView> resolve(@PathParam("caseId") @ContractId String caseId,
                                             @Valid CaseCommands.Input input) {
        return run(caseId, Command.RESOLVE, input);
    }

    @POST
    @Path("/cases/{caseId}/callback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The follow-up callback's outcome: RECOVERED closes the case, NOT_RECOVERED reopens it "
            + "(closes it NOT_RECOVERED after the configured reopenings). An agent calls back only the cases assigned "
            + "to them; someone else's is a supervisor's (403)")
    public Uni<CaseService.CaseView> callback(@PathParam("caseId") @ContractId String caseId,
                                              @Valid CaseCommands.Input input) {
        return run(caseId, Command.FOLLOW_UP_RESULT, input);
    }

    private Uni<CaseService.CaseView> run(String caseId, Command command, CaseCommands.Input input) {
        return commands.apply(caseId, command, input,
                        new CaseRights.Actor(identity.getPrincipal().getName(), identity.hasRole(Roles.SUPERVISOR)))
                .invoke(view -> audit.about(view.record().customerId()));
    }

    @GET
    @Path("/customers/{customerId}/cases")
    @Operation(summary = "A customer's cases, newest first (by opening time, then id), each with sla: its most urgent "
            + "open SLA clock or null; paged with limit and cursor (nextCursor)")
    public Uni<Page> ofCustomer(@PathParam("customerId") @CustomerId String customerId,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page")
                                String cursor) {
        return page(new CaseRepository.Query(customerId, null, null, null, null, null, null, limit,
                CaseRepository.Order.NEWEST, CaseCursor.decode(cursor, CaseRepository.Order.NEWEST)));
    }

    private Uni<Page> page(CaseRepository.Query query) {
        return cases.queue(query).map(page -> new Page(page.items(),
                page.next() == null ? null : CaseCursor.encode(page.next(), query.order())));
    }
}
