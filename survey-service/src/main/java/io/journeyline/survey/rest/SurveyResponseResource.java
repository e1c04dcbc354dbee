package io.journeyline.survey.rest;

import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.platform.audit.AuditSubject;
import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.service.SurveyResponseService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code /api/v1/surveys/{surveyId}/responses}: completed responses — recorded here by other systems, or answered
 * through a single-use link ({@code /api/v1/responses/{token}}) — listed newest first, and one by id. Reading them is
 * reading their customers' data: the access log names the customer of each response shown.
 */
@Path("/api/v1/surveys/{surveyId}/responses")
@Tag(name = "surveys")
public class SurveyResponseResource {
    private final SurveyResponseService responses;
    private final AuditSubject audit;

    public SurveyResponseResource(SurveyResponseService responses, AuditSubject audit) {
        this.responses = responses;
        this.audit = audit;
    }

    /** A response as the API shows it. */
    public record ResponseView(String id, String surveyId, SurveyKind surveyKind, String customerId, BigDecimal score,
                               String touchpoint, String caseId, String comment, OffsetDateTime respondedAt) {
        static ResponseView of(SurveyResponse r) {
            return new ResponseView(r.id, r.surveyId, r.surveyKind, r.customerId, r.score, r.touchpoint, r.caseId,
                    r.comment, r.respondedAt);
        }
    }

    /** One page, newest first; pass {@code nextCursor} back as {@code cursor} for the next, null on the last page. */
    public record Page(List<ResponseView> items, String nextCursor) {
        /** The page of up to {@code limit} responses from {@code found}, which holds one more when more follow. */
        static Page of(List<SurveyResponse> found, int limit) {
            var page = KeysetCursor.page(found, limit, last -> new KeysetCursor(last.respondedAt, last.id));
            return new Page(page.shown().stream().map(ResponseView::of).toList(), page.nextCursor());
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
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The survey's completed responses, newest first by when they were answered (respondedAt), "
            + "optionally one customer's, with cursor paging")
    public Uni<Page> list(@PathParam("surveyId") @ContractId String surveyId,
                          @QueryParam("customerId") @CustomerId String customerId,
                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                          @QueryParam("cursor") String cursor) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        audit.about(customerId);
        return responses.ofSurvey(surveyId, customerId, after, limit + 1).map(found -> audited(Page.of(found, limit)));
    }

    /** The page, its customers named in the access log (a survey's page shows many). */
    private Page audited(Page page) {
        page.items().forEach(item -> audit.about(item.customerId()));
        return page;
    }

    @GET
    @Path("/{responseId}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One response")
    public Uni<ResponseView> get(@PathParam("surveyId") @ContractId String surveyId,
                                 @PathParam("responseId") @ContractId String responseId) {
        return responses.get(surveyId, responseId).invoke(response -> audit.about(response.customerId))
                .map(ResponseView::of);
    }
}
