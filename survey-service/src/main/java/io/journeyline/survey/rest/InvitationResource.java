package io.journeyline.survey.rest;

import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.survey.domain.invitations.Invitation;
import io.journeyline.survey.service.InvitationService;
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

import java.time.OffsetDateTime;
import java.util.List;

/** {@code /api/v1/customers/{customerId}/invitations}: a customer's invitations, sent and suppressed, with reasons. */
@Path("/api/v1/customers/{customerId}/invitations")
@Tag(name = "invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {
    private final InvitationService invitations;

    public InvitationResource(InvitationService invitations) {
        this.invitations = invitations;
    }

    /** An invitation as agents see it (never the token). */
    public record InvitationView(String id, String customerId, String surveyId, Integer surveyVersion, String surveyKind,
                                 String channel, String language, String reason, String caseId, String status,
                                 String suppressedBy, String suppressionReason, String responseId,
                                 OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime completedAt) {
        public static InvitationView of(Invitation i) {
            return new InvitationView(i.id(), i.customerId(), i.surveyId(), i.surveyVersion(), i.surveyKind(),
                    i.channel(), i.language(), i.reason(), i.caseId(), i.status(), i.suppressedBy(),
                    i.suppressionReason(), i.responseId(), i.createdAt(), i.expiresAt(), i.completedAt());
        }
    }

    /** One page, newest first; pass {@code nextCursor} back as {@code cursor} for the next, null on the last page. */
    public record Page(List<InvitationView> items, String nextCursor) {
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A customer's invitations, newest first: sent, completed and suppressed (with the guard and "
            + "why), with cursor paging")
    public Uni<Page> ofCustomer(@PathParam("customerId") @CustomerId String customerId,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                @QueryParam("cursor") String cursor) {
        KeysetCursor after = KeysetCursor.decode(cursor);
        return invitations.ofCustomer(customerId, after, limit + 1).map(found -> {
            var page = KeysetCursor.page(found, limit, last -> new KeysetCursor(last.createdAt(), last.id()));
            return new Page(page.shown().stream().map(InvitationView::of).toList(), page.nextCursor());
        });
    }
}
