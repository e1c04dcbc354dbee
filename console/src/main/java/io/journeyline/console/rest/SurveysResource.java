package io.journeyline.console.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.console.domain.AdminForms;
import io.journeyline.console.domain.FieldProblems;
import io.journeyline.console.service.Api;
import io.journeyline.console.service.Api.Service;
import io.journeyline.console.service.Reply;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.journeyline.console.service.Api.segment;

/**
 * Survey definitions (admin), over survey-service: the list ({@code GET /api/v1/surveys}) and one survey's definition
 * as JSON to edit ({@code GET/PUT /api/v1/surveys/{id}}: a change is a new version). A refused definition shows again
 * as typed, each of the service's problems at its line.
 */
@Path("/admin/surveys")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class SurveysResource {
    private static final String SURVEYS = "/api/v1/surveys";

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    ObjectMapper json;
    @Inject
    @Location("admin-surveys.html")
    Template listPage;
    @Inject
    @Location("admin-survey.html")
    Template editPage;

    @GET
    public Uni<TemplateInstance> list() {
        return api.get(Service.SURVEY, SURVEYS).map(reply -> pages.page(listPage).data("reply", reply));
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> one(@PathParam("id") String id, @QueryParam("saved") String saved) {
        return api.get(Service.SURVEY, SURVEYS + "/" + segment(id)).map(reply -> {
            String definition = reply.ok() ? pretty(AdminForms.withoutNulls(reply.map().get("definition"))) : "";
            return page(id, reply, definition, null, FieldProblems.none()).data("saved", saved);
        });
    }

    /** Saves the definition typed: a new version, or the form again with each problem at its place. */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> save(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken,
                              @FormParam("definition") String definition) {
        csrf.verify(csrfToken);
        String typed = definition == null ? "" : definition;
        JsonNode parsed;
        try {
            parsed = json.readTree(typed);
        } catch (JsonProcessingException e) {
            // survey-service would only say "Bad Request": say where the JSON breaks instead
            String where = e.getLocation() == null ? "" : " " + pages.labels().format("adm_line_n",
                    e.getLocation().getLineNr());
            return refused(id, typed, pages.labels().get("adm_json_invalid") + where + ": "
                    + AdminForms.firstClause(e.getOriginalMessage()));
        }
        if (parsed == null || !parsed.isObject()) {
            return refused(id, typed, pages.labels().get("adm_json_not_object"));
        }
        return api.put(Service.SURVEY, SURVEYS + "/" + segment(id), Map.of(), parsed, "application/json")
                .chain(saved -> {
                    if (saved.ok()) {
                        return Uni.createFrom().item(Response.seeOther(URI.create("/admin/surveys/" + segment(id)
                                + "?saved=" + segment(String.valueOf(saved.map().get("version"))))).build());
                    }
                    return current(id).map(reply -> AdminProblems.page(AdminProblems.status(saved), page(id, reply,
                            typed, saved.problem(), placed(typed, AdminProblems.issues(saved.problem())))));
                });
    }

    /** The form again with the console's own finding (the definition is not a JSON object): nothing was sent. */
    private Uni<Response> refused(String id, String typed, String message) {
        FieldProblems problems = placed(typed, List.of(new FieldProblems.Issue("(definition)", message)));
        Reply.Problem problem = new Reply.Problem(400, "Bad Request", "", List.of(), List.of());
        return current(id).map(reply -> AdminProblems.page(400, page(id, reply, typed, problem, problems)));
    }

    private Uni<Reply> current(String id) {
        return api.get(Service.SURVEY, SURVEYS + "/" + segment(id));
    }

    private TemplateInstance page(String id, Reply survey, String definition, Reply.Problem problem,
                                  FieldProblems problems) {
        return pages.page(editPage).data("id", id).data("reply", survey).data("definition", definition)
                .data("problem", problem).data("problems", problems).data("saved", null);
    }

    /** Every field survey-service names is a path in the definition (the textarea). */
    static FieldProblems placed(String definition, List<FieldProblems.Issue> issues) {
        return FieldProblems.form().document("definition", definition, null, FieldProblems.EVERYTHING).place(issues);
    }

    private String pretty(Object value) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
