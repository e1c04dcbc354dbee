package io.journeyline.console.rest;

import io.journeyline.console.domain.ContentForm;
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
import jakarta.ws.rs.BeanParam;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.journeyline.console.service.Api.segment;

/**
 * The education content catalog (admin), over education-service: the catalog with its filters ({@code GET
 * /api/v1/contents}) and what needs a review ({@code GET /api/v1/contents/review}); one item's editor, an input per
 * field of its {@code ContentRequest} ({@code PUT /api/v1/contents/{id}}: a change is a new version); "reviewed"
 * ({@code POST /api/v1/contents/{id}/reviewed}).
 */
@Path("/admin/contents")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class ContentsResource {
    private static final String CONTENTS = "/api/v1/contents";
    /** The inputs of the editor, by the request fields they send. */
    static final List<String> INPUTS = List.of("id", "kind", "level", "title", "url", "topics", "stages", "languages",
            "channels", "durationMinutes", "owner", "reviewBy");

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    @Location("admin-contents.html")
    Template listPage;
    @Inject
    @Location("admin-content.html")
    Template editPage;

    public static class Filters {
        @QueryParam("topic")
        public String topic;
        @QueryParam("level")
        public String level;
        @QueryParam("stage")
        public String stage;
        @QueryParam("language")
        public String language;
        @QueryParam("channel")
        public String channel;

        Map<String, Object> query() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("topic", topic);
            query.put("level", level);
            query.put("stage", stage);
            query.put("language", language);
            query.put("channel", channel);
            query.put("limit", 200);
            return query;
        }
    }

    /** Every edit form field, as typed. */
    public static class Typed {
        @FormParam("id")
        public String id;
        @FormParam("kind")
        public String kind;
        @FormParam("level")
        public String level;
        @FormParam("title")
        public String title;
        @FormParam("url")
        public String url;
        @FormParam("topics")
        public String topics;
        @FormParam("stages")
        public List<String> stages;
        @FormParam("languages")
        public String languages;
        @FormParam("channels")
        public List<String> channels;
        @FormParam("durationMinutes")
        public String durationMinutes;
        @FormParam("owner")
        public String owner;
        @FormParam("reviewBy")
        public String reviewBy;

        ContentForm form() {
            return new ContentForm(id, kind, level, title, url, topics, stages, languages, channels, durationMinutes,
                    owner, reviewBy);
        }
    }

    @GET
    public Uni<TemplateInstance> list(@BeanParam Filters filters) {
        return list(filters, null);
    }

    private Uni<TemplateInstance> list(Filters filters, Reply.Problem failed) {
        Map<String, Object> query = filters.query();
        Uni<Reply> catalog = api.get(Service.EDUCATION, CONTENTS, query);
        Uni<Reply> review = api.get(Service.EDUCATION, CONTENTS + "/review");
        return Uni.combine().all().unis(catalog, review).asTuple().map(both -> pages.page(listPage)
                .data("reply", both.getItem1()).data("review", both.getItem2()).data("filters", query)
                .data("failed", failed));
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> one(@PathParam("id") String id, @QueryParam("saved") String saved) {
        return api.get(Service.EDUCATION, CONTENTS + "/" + segment(id)).map(reply -> page(id, reply,
                reply.ok() ? ContentForm.of(reply.map()) : null, null, FieldProblems.none()).data("saved", saved));
    }

    /** Saves the form: a new version (back to the item), or the form as typed with each problem at its input. */
    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> save(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken,
                              @BeanParam Typed typed) {
        csrf.verify(csrfToken);
        ContentForm form = typed.form();
        return api.put(Service.EDUCATION, CONTENTS + "/" + segment(id), Map.of(), form.body(), "application/json")
                .chain(saved -> {
                    if (saved.ok()) {
                        return Uni.createFrom().item(Response.seeOther(URI.create("/admin/contents/" + segment(id)
                                + "?saved=" + segment(String.valueOf(saved.map().get("version"))))).build());
                    }
                    List<FieldProblems.Issue> issues = new java.util.ArrayList<>();
                    if (!form.durationIsNumber()) {
                        issues.add(new FieldProblems.Issue("durationMinutes", pages.labels().get("adm_whole_number")));
                    }
                    issues.addAll(AdminProblems.issues(saved.problem()));
                    return api.get(Service.EDUCATION, CONTENTS + "/" + segment(id)).map(current -> AdminProblems.page(
                            AdminProblems.status(saved), page(id, current, form, saved.problem(), placed(issues))));
                });
    }

    /** Marks the item reviewed now; back to the page it was asked from, or the catalog with the problem. */
    @POST
    @Path("/{id}/reviewed")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reviewed(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken,
                                  @FormParam("back") String back) {
        csrf.verify(csrfToken);
        return api.post(Service.EDUCATION, CONTENTS + "/" + segment(id) + "/reviewed", null).chain(reply -> {
            if (reply.ok()) {
                String target = back != null && back.startsWith("/admin/contents") && !back.contains("\\")
                        ? back : "/admin/contents";
                return Uni.createFrom().item(Response.seeOther(URI.create(target)).build());
            }
            return list(new Filters(), reply.problem()).map(page -> AdminProblems.page(AdminProblems.status(reply),
                    page));
        });
    }

    private TemplateInstance page(String id, Reply current, ContentForm form, Reply.Problem problem,
                                  FieldProblems problems) {
        return pages.page(editPage).data("id", id).data("reply", current).data("form", form).data("problem", problem)
                .data("problems", problems).data("saved", null);
    }

    /** Each of education-service's fields at the input that sent it ({@code title[EN].<map value>} at title). */
    static FieldProblems placed(List<FieldProblems.Issue> issues) {
        FieldProblems.Form form = FieldProblems.form();
        INPUTS.forEach(form::input);
        return form.place(issues);
    }
}
