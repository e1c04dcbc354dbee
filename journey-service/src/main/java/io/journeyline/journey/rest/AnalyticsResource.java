package io.journeyline.journey.rest;

import io.journeyline.journey.domain.analytics.EducationEffect;
import io.journeyline.journey.domain.analytics.Funnel;
import io.journeyline.journey.domain.analytics.RuleFigures;
import io.journeyline.journey.domain.analytics.TouchpointFigures;
import io.journeyline.journey.service.AnalyticsService;
import io.journeyline.journey.service.EducationEffectService;
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

/** {@code /api/v1/analytics}: journey-service's reports for analysts. */
@Path("/api/v1/analytics")
@Tag(name = "analytics")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {
    private final EducationEffectService educationEffect;
    private final AnalyticsService analytics;

    public AnalyticsResource(EducationEffectService educationEffect, AnalyticsService analytics) {
        this.educationEffect = educationEffect;
        this.analytics = analytics;
    }

    @GET
    @Path("/touchpoints")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Per touchpoint (and per channel of it) over [from, to): volume, customers, failure rate "
            + "(outcome failure or action error), pain-point rate (customers with a pain point about it), mean CSAT and "
            + "CES of the responses tied to it — each with n and a 95 % interval")
    public Uni<TouchpointFigures> touchpoints(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.touchpoints(QueryParams.time("from", from), QueryParams.time("to", to));
    }

    @GET
    @Path("/funnel")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The cohort of customers first seen in [from, to): how many reached each main-path stage, "
            + "conversion from the stage before (with n and a 95 % interval) and drop-off; side states entered")
    public Uni<Funnel> funnel(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.funnel(QueryParams.time("from", from), QueryParams.time("to", to));
    }

    @GET
    @Path("/rules")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Per rule and version over the pain points detected in [from, to): detections and customers, "
            + "interventions sent and suppressed by guard, resolutions by kind, dismissed by agents (a false-positive "
            + "signal), still open, recurrence (customers hit more than once), median time to resolution — shares with n "
            + "and a 95 % interval; a SHADOW rule's candidates with the action they would have asked for")
    public Uni<RuleFigures> rules(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.rules(QueryParams.time("from", from), QueryParams.time("to", to));
    }

    @GET
    @Path("/education-effect")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Treated vs held-out customers over the pain points detected in [from, to) (default: the last "
            + "journeyline.analytics.window), overall and by rule, content or period: recurrence within "
            + "journeyline.analytics.education-effect-window (two-proportion z-test, Newcombe interval, percentage "
            + "points and relative % apart) and the CSAT / NPS change before → after (Welch's t-test), n per arm; "
            + "'not-enough-data' below journeyline.analytics.minimum-n-per-arm")
    public Uni<EducationEffect> educationEffect(@QueryParam("from") String from, @QueryParam("to") String to,
                                                @QueryParam("by") String by) {
        return educationEffect.report(QueryParams.time("from", from), QueryParams.time("to", to), by);
    }
}
