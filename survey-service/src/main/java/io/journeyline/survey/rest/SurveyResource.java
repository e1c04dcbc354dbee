package io.journeyline.survey.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.persistence.SurveyRepository.StoredSurvey;
import io.journeyline.survey.service.SurveyService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code /api/v1/surveys}: survey definitions, versioned. */
@Path("/api/v1/surveys")
@Tag(name = "surveys")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {
    private final SurveyService surveys;
    private final SecurityIdentity identity;

    public SurveyResource(SurveyService surveys, SecurityIdentity identity) {
        this.surveys = surveys;
        this.identity = identity;
    }

    /** A survey at one version: the definition, which version it is, the current one, when and by whom it was made. */
    public record SurveyView(String id, int version, int currentVersion, OffsetDateTime createdAt, String createdBy,
                             SurveyDefinition definition) {
        static SurveyView of(StoredSurvey stored) {
            return new SurveyView(stored.definition().id(), stored.version(), stored.currentVersion(),
                    stored.createdAt(), stored.createdBy(), stored.definition());
        }
    }

    public record Page(List<SurveyView> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Define a survey (version 1); 400 naming every problem, 409 if the id is taken")
    public Uni<Response> create(JsonNode definition, UriInfo uri) {
        return surveys.create(definition, identity.getPrincipal().getName()).map(stored -> Response
                .created(uri.getAbsolutePathBuilder().path(stored.definition().id()).build())
                .entity(SurveyView.of(stored)).build());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "Every survey at its current version")
    public Uni<Page> list() {
        return surveys.list().map(stored -> new Page(stored.stream().map(SurveyView::of).toList()));
    }

    @GET
    @Path("/{surveyId}")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
    @Operation(summary = "A survey at its current version, or at ?version=N")
    public Uni<SurveyView> get(@PathParam("surveyId") @ContractId String surveyId,
                               @QueryParam("version") @Min(1) Integer version) {
        return surveys.get(surveyId, version).map(SurveyView::of);
    }

    @PUT
    @Path("/{surveyId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a survey: a new version (the same definition again changes nothing); its kind stays")
    public Uni<SurveyView> change(@PathParam("surveyId") @ContractId String surveyId, JsonNode definition) {
        return surveys.change(surveyId, definition, identity.getPrincipal().getName()).map(SurveyView::of);
    }
}
