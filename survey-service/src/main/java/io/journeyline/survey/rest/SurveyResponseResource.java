package io.journeyline.survey.rest;

import io.journeyline.platform.security.Roles;
import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.service.SurveyResponseService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * {@code /api/v1/surveys/{surveyId}/responses}: answers collected by other systems. (Customers answering
 * through a single-use link will use {@code /api/v1/responses/{token}}.)
 */
@Path("/api/v1/surveys/{surveyId}/responses")
@Tag(name = "surveys")
public class SurveyResponseResource {
    private final SurveyResponseService responses;

    public SurveyResponseResource(SurveyResponseService responses) {
        this.responses = responses;
    }

    /** A response as the API shows it. */
    public record ResponseView(String id, String surveyId, SurveyKind surveyKind, String customerId, BigDecimal score,
                               String touchpoint, String caseId, String comment, OffsetDateTime respondedAt) {
        static ResponseView of(SurveyResponse r) {
            return new ResponseView(r.id, r.surveyId, r.surveyKind, r.customerId, r.score, r.touchpoint, r.caseId,
                    r.comment, r.respondedAt);
        }
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Record a collected answer; publishes io.journeyline.survey.responded")
    public Uni<Response> record(@PathParam("surveyId") @ContractId String surveyId,
                                @Valid @NotNull ResponseRequest request, UriInfo uri) {
        return responses.record(surveyId, request.toCommand()).map(saved -> Response
                .created(uri.getAbsolutePathBuilder().path(saved.id).build())
                .entity(ResponseView.of(saved)).build());
    }

    @GET
    @Path("/{responseId}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One response")
    public Uni<ResponseView> get(@PathParam("surveyId") @ContractId String surveyId,
                                 @PathParam("responseId") @ContractId String responseId) {
        return responses.get(surveyId, responseId).map(ResponseView::of);
    }
}
