package io.journeyline.console.rest;

import io.journeyline.console.domain.AdminForms;
import io.journeyline.console.domain.FieldProblems;
import io.journeyline.console.service.Api;
import io.journeyline.console.service.Api.Service;
import io.journeyline.console.service.Reply;
import io.journeyline.console.service.Viewer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.journeyline.console.service.Api.segment;

/**
 * The pain-point rule set (admin), over journey-service: the active set and its document to edit; "Validate"
 * ({@code POST /api/v1/rules/validate}) shows each problem at its line; "Backtest" ({@code POST
 * /api/v1/rules/backtests}) starts a job whose page follows its progress live, then shows what each rule would have
 * found and done; that page offers "Activate" ({@code PUT /api/v1/rules?backtest=<id>}) once the backtest is done.
 */
@Path("/admin/rules")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class RulesResource {
    private static final String RULES = "/api/v1/rules";
    private static final String BACKTESTS = "/api/v1/rules/backtests";

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    Viewer viewer;
    @Inject
    @Location("admin-rules.html")
    Template rulesPage;
    @Inject
    @Location("admin-backtest.html")
    Template backtestPage;

    /** What the rule-set form holds, as the admin typed it. */
    record Typed(String document, String from, String to) {
    }

    @GET
    public Uni<TemplateInstance> rules(@QueryParam("saved") String saved) {
        return api.get(Service.JOURNEY, RULES).map(active -> page(active, null, null, null, null)
                .data("saved", saved));
    }

    /** Checks the document typed (its rules' own tests included) without activating it. */
    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> validate(@FormParam(Csrf.FIELD) String csrfToken, @FormParam("document") String document,
                                  @FormParam("from") String from, @FormParam("to") String to) {
        csrf.verify(csrfToken);
        Typed typed = new Typed(AdminForms.document(document), from, to);
        return api.post(Service.JOURNEY, RULES + "/validate", Map.of(), typed.document(),
                        AdminForms.documentType(typed.document()))
                .chain(checked -> api.get(Service.JOURNEY, RULES).map(active -> {
                    if (!checked.ok()) {
                        return AdminProblems.page(AdminProblems.status(checked), page(active, typed,
                                checked.problem(), placed(typed, AdminProblems.issues(checked.problem())), null));
                    }
                    boolean valid = Boolean.TRUE.equals(checked.map().get("valid"));
                    FieldProblems problems = placed(typed, AdminProblems.issues(checked.map().get("problems")));
                    return Response.ok(page(active, typed, null, problems, valid)).build();
                }));
    }

    /** Starts a backtest of the document typed over [from, to): its page, or this one with the service's problem. */
    @POST
    @Path("/backtests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> backtest(@FormParam(Csrf.FIELD) String csrfToken, @FormParam("document") String document,
                                  @FormParam("from") String from, @FormParam("to") String to) {
        csrf.verify(csrfToken);
        Typed typed = new Typed(AdminForms.document(document), from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", AdminForms.blankToNull(typed.document()) == null ? null : typed.document());
        body.put("from", AdminForms.time(from));
        body.put("to", AdminForms.time(to));
        body.values().removeIf(java.util.Objects::isNull);
        return api.post(Service.JOURNEY, BACKTESTS, body).chain(started -> {
            String id = started.map().get("id") instanceof String s ? s : null;
            if (started.ok() && id != null) {
                return Uni.createFrom().item(Response.seeOther(URI.create("/admin/rules/backtests/" + segment(id)))
                        .build());
            }
            return api.get(Service.JOURNEY, RULES).map(active -> AdminProblems.page(AdminProblems.status(started),
                    page(active, typed, started.problem(), placed(typed, AdminProblems.issues(started.problem())),
                            null)));
        });
    }

    @GET
    @Path("/backtests/{id}")
    public Uni<TemplateInstance> backtest(@PathParam("id") String id) {
        return backtestView(id, null, null, null);
    }

    @POST
    @Path("/backtests/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken) {
        csrf.verify(csrfToken);
        return api.post(Service.JOURNEY, BACKTESTS + "/" + segment(id) + "/cancel", null).chain(reply -> reply.ok()
                ? Uni.createFrom().item(Response.seeOther(URI.create("/admin/rules/backtests/" + segment(id))).build())
                : backtestView(id, null, reply.problem(), null).map(page -> AdminProblems.page(
                AdminProblems.status(reply), page)));
    }

    /**
     * Activates the document the backtest replayed — as journey-service kept it, never what the form carries — once the
     * backtest is DONE, recording the backtest with the new version: back to the rules, or the backtest's page with the
     * service's problems at the document (400) or its conflict (409). (The form's document is used only when the
     * service gives none back.)
     */
    @POST
    @Path("/backtests/{id}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> activate(@PathParam("id") String id, @FormParam(Csrf.FIELD) String csrfToken,
                                  @FormParam("document") String document) {
        csrf.verify(csrfToken);
        return api.get(Service.JOURNEY, BACKTESTS + "/" + segment(id)).chain(backtest -> {
            if (!backtest.ok() || !"DONE".equals(backtest.map().get("status"))) {
                Reply.Problem problem = backtest.ok() ? new Reply.Problem(409, "Conflict", "only a DONE backtest's"
                        + " document can be activated", List.of(), List.of()) : backtest.problem();
                return backtestView(id, null, problem, null).map(page -> AdminProblems.page(
                        backtest.ok() ? 409 : AdminProblems.status(backtest), page));
            }
            String tested = backtest.map().get("document") instanceof String d ? d : null;
            return activate(id, tested != null ? tested : AdminForms.document(document));
        });
    }

    private Uni<Response> activate(String id, String text) {
        return api.put(Service.JOURNEY, RULES, Map.of("backtest", id), text, AdminForms.documentType(text))
                .chain(saved -> {
                    if (saved.ok()) {
                        Object version = saved.map().get("version");
                        return Uni.createFrom().item(Response.seeOther(URI.create("/admin/rules?saved="
                                + segment(String.valueOf(version)))).build());
                    }
                    FieldProblems problems = placed(new Typed(text, null, null), AdminProblems.issues(saved.problem()));
                    return backtestView(id, text, saved.problem(), problems).map(page -> AdminProblems.page(
                            AdminProblems.status(saved), page));
                });
    }

    private Uni<TemplateInstance> backtestView(String id, String typedDocument, Reply.Problem problem,
                                               FieldProblems problems) {
        return api.get(Service.JOURNEY, BACKTESTS + "/" + segment(id)).map(reply -> {
            // the document the backtest replayed, as journey-service keeps it: what activating puts live
            String tested = reply.map().get("document") instanceof String d ? d : null;
            String document = typedDocument != null ? typedDocument : tested;
            return pages.page(backtestPage).data("id", id).data("reply", reply).data("document", document)
                    .data("started", tested != null).data("problem", problem)
                    .data("problems", problems == null ? FieldProblems.none() : problems);
        });
    }

    private TemplateInstance page(Reply active, Typed typed, Reply.Problem problem, FieldProblems problems,
                                  Boolean valid) {
        String document = typed != null ? typed.document()
                : active.map().get("document") instanceof String d ? d : "";
        return pages.page(rulesPage).data("active", active).data("document", document)
                .data("from", typed == null ? "" : nullToEmpty(typed.from()))
                .data("to", typed == null ? "" : nullToEmpty(typed.to()))
                .data("problem", problem).data("problems", problems == null ? FieldProblems.none() : problems)
                .data("validation", valid == null ? null : valid ? "valid" : "invalid").data("saved", null);
    }

    /**
     * The form's inputs: the document (a backtest's problems name its fields under {@code document.}; validation's and
     * activation's name them as they are: {@code rules[3].when}), from and to.
     */
    static FieldProblems placed(Typed typed, List<FieldProblems.Issue> issues) {
        return FieldProblems.form().document("document", typed.document(), "document", "rules", "(document)",
                        "(body)", "backtest", "rule")
                .input("from").input("to").place(issues);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
