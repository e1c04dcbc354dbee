package io.journeyline.education.rest;

import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.service.CatalogService;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.validation.ContractId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/contents}: the education content catalog. */
@Path("/api/v1/contents")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public class ContentResource {
    private final CatalogService catalog;
    private final SecurityIdentity identity;

    public ContentResource(CatalogService catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    public record Page(List<Content> items) {
    }

    public record ReviewPage(List<CatalogService.Stale> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add content (version 1); 400 naming every bad field, 409 if the id is taken")
    public Uni<Response> create(@Valid @NotNull ContentRequest request, UriInfo uri) {
        return catalog.create(request.toContent(), identity.getPrincipal().getName()).map(content -> Response
                .created(uri.getAbsolutePathBuilder().path(content.id()).build()).entity(content).build());
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Search the catalog: every given filter must match (topic, level, stage, language, channel)")
    public Uni<Page> search(@QueryParam("topic") String topic, @QueryParam("level") String level,
                            @QueryParam("stage") String stage, @QueryParam("language") String language,
                            @QueryParam("channel") String channel,
                            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        Map<String, String> tags = new LinkedHashMap<>();
        put(tags, "topic", topic);
        put(tags, "level", level);
        put(tags, "stage", stage);
        put(tags, "language", language);
        put(tags, "channel", channel);
        return catalog.search(tags, limit).map(Page::new);
    }

    @GET
    @Path("/review")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Content that needs a review, with every reason: its review date passed, or not reviewed for "
            + "journeyline.education.review-interval (30 days)")
    public Uni<ReviewPage> review() {
        return catalog.stale().map(ReviewPage::new);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One content item at its current version")
    public Uni<Content> get(@PathParam("id") @ContractId String id) {
        return catalog.get(id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Edit content: a change bumps the version (the same content again changes nothing)")
    public Uni<Content> edit(@PathParam("id") @ContractId String id, @Valid @NotNull ContentRequest request) {
        return catalog.edit(id, request.toContent(), identity.getPrincipal().getName());
    }

    @POST
    @Path("/{id}/reviewed")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Mark the content reviewed now")
    public Uni<Content> reviewed(@PathParam("id") @ContractId String id) {
        return catalog.reviewed(id, identity.getPrincipal().getName());
    }

    private static void put(Map<String, String> tags, String dimension, String value) {
        if (value != null && !value.isBlank()) {
            tags.put(dimension, value);
        }
    }
}
