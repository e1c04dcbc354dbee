package io.journeyline.survey.rest;

import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.survey.rest.SurveyResponseResource.Page;
import io.journeyline.survey.service.SurveyResponseService;
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

/**
 * {@code GET /api/v1/customers/{customerId}/responses}: a customer's completed responses to every survey, newest first
 * — what an agent reads about one customer, in pages that cost the same however many the customer has given.
 */
@Path("/api/v1/customers/{customerId}/responses")
@Tag(name = "surveys")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResponseResource {
    private final SurveyResponseService responses;

    public CustomerResponseResource(SurveyResponseService responses) {
        this.responses = responses;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A customer's completed responses to every survey, newest first by when they were answered "
            + "(respondedAt), with cursor paging")
    public Uni<Page> ofCustomer(@PathParam("customerId") @CustomerId String customerId,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                @QueryParam("cursor") String cursor) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        return responses.ofCustomer(customerId, after, limit + 1).map(found -> Page.of(found, limit));
    }
}
