package io.journeyline.feedback.rest;

import io.journeyline.feedback.domain.analytics.CaseAnalytics;
import io.journeyline.feedback.service.CaseAnalyticsService;
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

/** {@code /api/v1/analytics/cases}: the outer loop, for supervisors and analysts. */
@Path("/api/v1/analytics/cases")
@Tag(name = "analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class CaseAnalyticsResource {
    private final CaseAnalyticsService analytics;

    public CaseAnalyticsResource(CaseAnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Operation(summary = "Cases opened in [from, to) (default: the last journeyline.cases.analytics-window): by root "
            + "cause × touchpoint × category, verified recovery per root cause (NOT_VERIFIED apart), SLA compliance per "
            + "clock, median times to acknowledge and to resolve — each with n")
    public Uni<CaseAnalytics> cases(@QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to) {
        return analytics.analytics(from, to);
    }
}
