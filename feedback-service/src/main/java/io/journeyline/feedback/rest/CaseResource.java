package io.journeyline.feedback.rest;

import io.journeyline.feedback.domain.cases.CaseRecord;
import io.journeyline.feedback.persistence.CaseRepository;
import io.journeyline.feedback.service.CaseService;
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

import java.util.List;

/** The case queue, one case with its contacts and history, and a customer's cases. */
@Path("/api/v1")
@Tag(name = "cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
public class CaseResource {
    private final CaseService cases;

    public CaseResource(CaseService cases) {
        this.cases = cases;
    }

    public record Page(List<CaseRecord> items) {
    }

    @GET
    @Path("/cases")
    @Operation(summary = "The case queue, newest first: filters status, priority, topic, team, assignee")
    public Uni<Page> queue(@QueryParam("status") String status, @QueryParam("priority") String priority,
                           @QueryParam("topic") String topic, @QueryParam("team") String team,
                           @QueryParam("assignee") String assignee,
                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return cases.queue(new CaseRepository.Query(null, status, priority, topic, team, assignee, limit)).map(Page::new);
    }

    @GET
    @Path("/cases/{caseId}")
    @Operation(summary = "A case with what brought it about (contacts) and its full history")
    public Uni<CaseService.CaseView> one(@PathParam("caseId") String caseId) {
        return cases.get(caseId);
    }

    @GET
    @Path("/customers/{customerId}/cases")
    @Operation(summary = "A customer's cases, newest first")
    public Uni<Page> ofCustomer(@PathParam("customerId") String customerId,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return cases.queue(new CaseRepository.Query(customerId, null, null, null, null, null, limit)).map(Page::new);
    }
}
