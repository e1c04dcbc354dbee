package io.journeyline.journey.rest;

import io.journeyline.journey.persistence.IdentityRepository;
import io.journeyline.journey.service.ConsentService;
import io.journeyline.journey.service.IdentityService;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.audit.AuditSubject;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Customers by identifier ({@code GET /api/v1/customers?identifier=email:a@b.c}), the identity links held back for
 * review, and consent per purpose and channel ({@code GET}/{@code PUT /api/v1/customers/{id}/consents}).
 */
@Path("/api/v1")
@Tag(name = "customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomersResource {
    private final AuditSubject audit;
    private final IdentityService identities;
    private final ConsentService consents;
    private final SecurityIdentity identity;

    public CustomersResource(IdentityService identities, ConsentService consents, SecurityIdentity identity,
                             AuditSubject audit) {
        this.identities = identities;
        this.consents = consents;
        this.identity = identity;
        this.audit = audit;
    }

    /** The body of {@code PUT .../consents}. */
    public record ConsentChanges(List<ConsentService.Change> consents) {
    }

    public record Reviews(List<IdentityRepository.Review> items) {
    }

    @GET
    @Path("/customers")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "The customer an identifier (kind:value) belongs to, with the customers linked to it, "
            + "their identifiers and the links (each with the event that made it)")
    public Uni<IdentityService.Lookup> byIdentifier(@QueryParam("identifier") String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw ProblemException.badRequest("an identifier is required", List.of(Problem.FieldError.of("identifier",
                    "is required, as kind:value, e.g. email:a@example.com")));
        }
        return identities.lookup(identifier).invoke(found -> audit.about(found.customerId()));
    }

    @GET
    @Path("/identity-reviews")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Links the size guard held back: they would have grown a customer beyond the identifier limit")
    public Uni<Reviews> reviews(@QueryParam("status") @DefaultValue("PENDING") String status,
                                @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return identities.reviews(status, limit).map(Reviews::new);
    }

    @GET
    @Path("/customers/{customerId}/consents")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR})
    @Operation(summary = "What the customer consented to, per purpose and channel, and what holds per purpose")
    public Uni<ConsentService.View> consents(@PathParam("customerId") @CustomerId String customerId) {
        return consents.get(customerId);
    }

    @PUT
    @Path("/customers/{customerId}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Grant or revoke consent per purpose and channel; republished as journey.consent-changed")
    public Uni<ConsentService.View> changeConsents(@PathParam("customerId") @CustomerId String customerId,
                                                   ConsentChanges body) {
        return consents.put(customerId, body == null ? null : body.consents(), identity.getPrincipal().getName());
    }
}
