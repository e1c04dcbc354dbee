package io.journeyline.platform.privacy;

import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/privacy/customers/{customerId}/data} on every service (privacy officers): everything this service
 * holds about the customer ({@link PersonalDataExport}). journey-service's export gathers it from all four.
 */
@Path("/api/v1/privacy/customers/{customerId}/data")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class PersonalDataResource {
    private final PersonalDataExport export;

    public PersonalDataResource(PersonalDataExport export) {
        this.export = export;
    }

    @GET
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "Everything this service holds about the customer, per table, and who looked at it here")
    public Uni<PersonalDataExport.Part> data(@PathParam("customerId") @CustomerId String customerId) {
        return export.of(customerId);
    }
}
