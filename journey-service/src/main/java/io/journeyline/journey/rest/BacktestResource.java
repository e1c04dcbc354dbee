package io.journeyline.journey.rest;

import io.journeyline.journey.service.BacktestService;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * Backtests (admin): what a rule set — a whole document, one changed rule, or the active set — would have detected and
 * asked for over stored history, and how that differs from what was recorded. A job: {@code POST} answers 202 with its
 * id at once; its status shows progress, then the report.
 */
@Path("/api/v1/rules/backtests")
@Tag(name = "rules")
@RolesAllowed(Roles.ADMIN)
public class BacktestResource {
    private final BacktestService backtests;
    private final SecurityIdentity identity;

    public BacktestResource(BacktestService backtests, SecurityIdentity identity) {
        this.backtests = backtests;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Backtest a rule set over stored history: 202 with the job",
            description = "Body: {document} (a whole rule set, YAML or JSON text) or {rule} (one rule, JSON, in place of"
                    + " the active set's rule of its id) or neither (the active set); from/to (default the last 30 days);"
                    + " customers (a sample; aggregate rules still see everyone). 400 names every problem; 429 when"
                    + " journeyline.backtests.concurrent are running on this replica.")
    public Uni<Response> start(BacktestService.Request request) {
        BacktestService.Request body = request != null ? request
                : new BacktestService.Request(null, null, null, null, null);
        return backtests.start(body, identity.getPrincipal().getName())
                .map(status -> Response.accepted(status).location(URI.create("/api/v1/rules/backtests/" + status.id()))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A backtest: RUNNING with events replayed of total and an ETA; DONE with its report per rule;"
            + " CANCELLED, FAILED, or INTERRUPTED (its process died: ask again)")
    public Uni<BacktestService.Status> status(@PathParam("id") @ContractId String id) {
        return backtests.status(id);
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop a running backtest at its next page (202; its status turns CANCELLED)")
    public Uni<Response> cancel(@PathParam("id") @ContractId String id) {
        return backtests.cancel(id).map(status -> Response.accepted(status).build());
    }
}
