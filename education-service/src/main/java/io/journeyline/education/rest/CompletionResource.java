package io.journeyline.education.rest;

import io.journeyline.education.domain.analytics.Completion;
import io.journeyline.education.service.CompletionAnalytics;
import io.journeyline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;

/** {@code /api/v1/analytics/completion}: how far customers get with the education assigned to them. */
@Path("/api/v1/analytics/completion")
@Tag(name = "analytics")
@Produces(MediaType.APPLICATION_JSON)
public class CompletionResource {
    private final CompletionAnalytics analytics;

    public CompletionResource(CompletionAnalytics analytics) {
        this.analytics = analytics;
    }

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Assignments made in [from, to) (default: the last journeyline.education.analytics-window): "
            + "completion rate (completed / assigned, % with a 95 % Wilson interval) and median time to complete, each "
            + "with n — overall and by content, path, rule, stage or period (period=day|week|month)")
    public Uni<Completion> completion(@QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
                                      @QueryParam("by") String by, @QueryParam("period") String period) {
        return analytics.report(from, to, by, period);
    }
}
