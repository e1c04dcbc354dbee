package io.journeyline.journey.rest;

import io.journeyline.contract.FieldLimits;
import io.journeyline.journey.service.ErasureService;
import io.journeyline.journey.persistence.ExportJobRepository;
import io.journeyline.journey.service.ExportJobService;
import io.journeyline.journey.service.ExportService;
import io.journeyline.platform.audit.AuditSubject;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.platform.validation.CustomerId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A privacy officer's work on journey-service: erasures (ask for one, follow its receipts) and a customer's export. */
@Path("/api/v1/privacy")
@Tag(name = "privacy")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {
    private final ErasureService erasures;
    private final ExportService exports;
    private final ExportJobService jobs;
    private final SecurityIdentity identity;
    private final AuditSubject audit;

    public PrivacyResource(ErasureService erasures, ExportService exports, ExportJobService jobs,
                           SecurityIdentity identity, AuditSubject audit) {
        this.erasures = erasures;
        this.exports = exports;
        this.jobs = jobs;
        this.identity = identity;
        this.audit = audit;
    }

    /** The body of an erasure request. The reason is the officer's (a ticket, an article): never the person's data. */
    public record ErasureRequest(String customerId, String reason) {
    }

    @POST
    @Path("/erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "Erase a customer and every customer linked to it by identity, in all four services",
            description = "202 with the erasure's status: journey-service has erased its part (its receipt is in); "
                    + "the other services answer through Kafka. The answer lists the customers it covered; afterwards "
                    + "the erasure names the customer only by an HMAC.")
    public Uni<Response> request(ErasureRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String customerId = request == null ? null : request.customerId();
        String reason = request == null ? null : request.reason();
        if (customerId == null || customerId.isBlank()) {
            errors.add(Problem.FieldError.of("customerId", "is required"));
        } else if (customerId.length() > FieldLimits.CUSTOMER_ID) {
            errors.add(Problem.FieldError.of("customerId", "is longer than " + FieldLimits.CUSTOMER_ID + " characters"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(Problem.FieldError.of("reason", "is required"));
        } else if (reason.length() > FieldLimits.REASON) {
            errors.add(Problem.FieldError.of("reason", "is longer than " + FieldLimits.REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("invalid erasure request", errors);
        }
        audit.about(customerId);
        return erasures.request(customerId, reason, identity.getPrincipal().getName())
                .map(status -> Response.accepted(status)
                        .location(URI.create("/api/v1/privacy/erasures/" + status.erasureId())).build());
    }

    @GET
    @Path("/erasures/{id}")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "An erasure's status and each service's receipt (COMPLETE when all four answered, OVERDUE "
            + "when one has not within journeyline.erasures.receipt-deadline)")
    public Uni<ErasureService.Status> status(@PathParam("id") @ContractId String id) {
        return erasures.status(id);
    }

    @GET
    @Path("/customers/{customerId}/export")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "Everything the four services hold about the customer, as one document",
            description = "journey-service's part (with every decision to contact the customer and why) and each other "
                    + "service's, fetched with the caller's token; a service that does not answer within "
                    + "journeyline.export.timeout is named in 'missing'.")
    public Uni<ExportService.Export> export(@PathParam("customerId") @CustomerId String customerId,
                                            @HeaderParam("Authorization") String authorization) {
        return exports.export(customerId, authorization);
    }

    @POST
    @Path("/customers/{customerId}/exports")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "The same export as a job, for a long history: 202 with the job, whose status shows the parts "
            + "in and, once DONE, links the document")
    public Uni<Response> startExport(@PathParam("customerId") @CustomerId String customerId,
                                     @HeaderParam("Authorization") String authorization) {
        return jobs.start(customerId, identity.getPrincipal().getName(), authorization)
                .map(job -> Response.accepted(job).location(URI.create("/api/v1/privacy/exports/" + job.id())).build());
    }

    @GET
    @Path("/exports/{id}")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "An export job: RUNNING with its parts done of four, DONE (its document at .../document) or FAILED")
    public Uni<ExportJobRepository.Job> exportJob(@PathParam("id") @ContractId String id) {
        return jobs.status(id).invoke(job -> audit.about(job.customerId()));
    }

    @GET
    @Path("/exports/{id}/document")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "A finished export job's document")
    public Uni<Response> exportDocument(@PathParam("id") @ContractId String id) {
        return jobs.status(id).invoke(job -> audit.about(job.customerId()))
                .chain(job -> jobs.document(id))
                .map(document -> Response.ok(document, MediaType.APPLICATION_JSON).build());
    }
}
