package io.journeyline.survey.rest;

import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.survey.service.ResultsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
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

/** {@code /api/v1/surveys/{surveyId}/results}: one survey's results, for analysts and supervisors. */
@Path("/api/v1/surveys/{surveyId}/results")
@Tag(name = "results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class SurveyResultsResource {
    private static final String BUCKETS = ResultsResource.BUCKETS;

    private final ResultsService results;

    public SurveyResultsResource(ResultsService results) {
        this.results = results;
    }

    @GET
    @Operation(summary = "A survey's results over [from, to) (default: the last journeyline.surveys.results-window, 90 days): headline score with n and 95 % "
            + "interval, response rate, items, themes, dimensions, breakdowns by touchpoint / channel / segment, trend "
            + "per bucket (day, week, month; UTC) with changes in absolute and relative terms")
    public Uni<ResultsService.Results> survey(@PathParam("surveyId") @ContractId String surveyId,
                                              @QueryParam("from") OffsetDateTime from, @QueryParam("to") OffsetDateTime to,
                                              @QueryParam("bucket") @DefaultValue("week") @Pattern(regexp = BUCKETS) String bucket) {
        return results.ofSurvey(surveyId, from, to, bucket);
    }

}
