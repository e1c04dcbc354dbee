package io.journeyline.survey.rest;

import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.platform.security.Roles;
import io.journeyline.survey.service.ResultsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;

/** {@code /api/v1/results}: results across every survey of a kind, for analysts and supervisors. */
@Path("/api/v1/results")
@Tag(name = "results")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class ResultsResource {
    static final String BUCKETS = "^(day|week|month)$";

    private final ResultsService results;

    public ResultsResource(ResultsService results) {
        this.results = results;
    }

    @GET
    @Operation(summary = "Results across every survey of a kind (headline scores of different kinds do not add up)")
    public Uni<ResultsService.Results> acrossSurveys(@QueryParam("kind") @NotNull SurveyKind kind,
                                                     @QueryParam("from") OffsetDateTime from,
                                                     @QueryParam("to") OffsetDateTime to,
                                                     @QueryParam("bucket") @DefaultValue("week") @Pattern(regexp = BUCKETS) String bucket) {
        return results.ofKind(kind, from, to, bucket);
    }
}
