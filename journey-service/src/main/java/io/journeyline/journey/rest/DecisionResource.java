package io.journeyline.journey.rest;

import io.journeyline.journey.domain.Decisions;
import io.journeyline.journey.service.DecisionService;
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

import java.util.List;

/** "Why was I contacted?": what an agent reads to answer a customer who asks. */
@Path("/api/v1/customers/{customerId}/decisions")
@Tag(name = "customers")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {
    private final DecisionService decisions;

    public DecisionResource(DecisionService decisions) {
        this.decisions = decisions;
    }

    public record Page(String customerId, List<Decisions.Decision> items) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.PRIVACY})
    @Operation(summary = "Every intervention decided for the customer, newest first: the evidence, the stage, the rule "
            + "and version, the guard's decision and reason, what the downstream service did, and how it ended")
    public Uni<Page> decisions(@PathParam("customerId") @CustomerId String customerId,
                               @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return decisions.of(customerId, limit).map(items -> new Page(customerId, items));
    }
}
