package io.journeyline.education.rest;

import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.education.service.PathService;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.List;

/** {@code /api/v1/paths}: learning paths. */
@Path("/api/v1/paths")
@Tag(name = "paths")
@Produces(MediaType.APPLICATION_JSON)
public class PathResource {
    private final PathService paths;
    private final SecurityIdentity identity;

    public PathResource(PathService paths, SecurityIdentity identity) {
        this.paths = paths;
        this.identity = identity;
    }

    public record Page(List<LearningPath> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a learning path (version 1); 400 naming every bad field — unknown content, a unit twice, "
            + "a prerequisite that is not an earlier unit — 409 if the id is taken")
    public Uni<Response> create(@Valid @NotNull PathRequest request, UriInfo uri) {
        return paths.create(request.toPath(), identity.getPrincipal().getName()).map(path -> Response
                .created(uri.getAbsolutePathBuilder().path(path.id()).build()).entity(path).build());
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Learning paths, all or those answering a topic")
    public Uni<Page> list(@QueryParam("topic") String topic) {
        return paths.about(topic == null || topic.isBlank() ? null : topic).map(Page::new);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One learning path at its current version")
    public Uni<LearningPath> get(@PathParam("id") @ContractId String id) {
        return paths.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Edit a path: a change bumps the version; customers already on it keep their units")
    public Uni<LearningPath> edit(@PathParam("id") @ContractId String id, @Valid @NotNull PathRequest request) {
        return paths.edit(id, request.toPath(), identity.getPrincipal().getName());
    }
}
