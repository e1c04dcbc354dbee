package io.journeyline.education.rest;

import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.education.persistence.LearnerRepository;
import io.journeyline.education.service.Learners;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.CustomerId;
import io.journeyline.platform.validation.OneOf;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/customers/{customerId}/learner}: what education-service knows of a customer to choose content —
 * the journey stage (from journey-service) and the language and channel to reach them in (set here by a CRM or an
 * agent; unknown ones fall back to {@code journeyline.education.default-language} and {@code default-channel}).
 */
@Path("/api/v1/customers/{customerId}/learner")
@Tag(name = "assignments")
@Produces(MediaType.APPLICATION_JSON)
public class LearnerResource {
    private final Learners learners;

    public LearnerResource(Learners learners) {
        this.learners = learners;
    }

    /** The language (BCP 47) and channel to reach the customer in; a missing one keeps what was known. */
    public record Preferences(@Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$") String language,
                              @OneOf(Channel.class) String channel) {
        @AssertTrue(message = "give a language, a channel or both")
        public boolean isAnything() {
            return language != null || channel != null;
        }
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The customer as a learner: stage, language, channel (404 when nothing is known)")
    public Uni<LearnerRepository.Learner> get(@PathParam("customerId") @CustomerId String customerId) {
        return learners.find(customerId).map(found -> found.orElseThrow(() ->
                ProblemException.notFound("learner", customerId)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Set the language and channel education reaches the customer in")
    public Uni<LearnerRepository.Learner> put(@PathParam("customerId") @CustomerId String customerId,
                                              @Valid @NotNull Preferences preferences) {
        return learners.setPreferences(customerId, preferences.language(), preferences.channel());
    }
}
