package io.journeyline.console.rest;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.journeyline.console.service.Api.segment;

/**
 * Erasures (privacy officer), over journey-service: look one up by id ({@code GET /api/v1/privacy/erasures/{id}}) and
 * follow each service's receipt live; ask for one ({@code POST /api/v1/privacy/erasures}) in two steps, since it
 * cannot be undone: the request form, then a confirmation form that says what will happen and must be ticked.
 */
@Path("/admin/erasures")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("privacy")
public class ErasuresResource {
    private static final String ERASURES = "/api/v1/privacy/erasures";
    /** The services whose receipts make an erasure complete (journey-service's ErasureService.SERVICES). */
    static final List<String> SERVICES = List.of("journey-service", "survey-service", "education-service",
            "feedback-service");

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    @Location("admin-erasures.html")
    Template startPage;
    @Inject
    @Location("admin-erasure-confirm.html")
    Template confirmPage;
    @Inject
    @Location("admin-erasure.html")
    Template erasurePage;

    /** The look-up (a given id goes to the erasure's page) and the request form. */
    @GET
    public Object start(@QueryParam("id") String id) {
        if (id != null && !id.isBlank()) {
            return Response.seeOther(URI.create("/admin/erasures/" + segment(id.trim()))).build();
        }
        return start("", "", null, FieldProblems.none());
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> erasure(@PathParam("id") String id) {
        return api.get(Service.JOURNEY, ERASURES + "/" + segment(id)).map(reply -> pages.page(erasurePage)
                .data("id", id).data("reply", reply).data("rows", reply.ok() ? rows(reply.map()) : List.of()));
    }

    /** Step one: what was typed, shown back with what it will do; nothing is sent yet. */
    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam(Csrf.FIELD) String csrfToken, @FormParam("customerId") String customerId,
                            @FormParam("reason") String reason) {
        csrf.verify(csrfToken);
        List<FieldProblems.Issue> missing = new ArrayList<>();
        if (AdminForms.blankToNull(customerId) == null) {
            missing.add(new FieldProblems.Issue("customerId", pages.labels().get("adm_required")));
        }
        if (AdminForms.blankToNull(reason) == null) {
            missing.add(new FieldProblems.Issue("reason", pages.labels().get("adm_required")));
        }
        if (!missing.isEmpty()) {
            return AdminProblems.page(400, start(customerId, reason, null, placed(missing)));
        }
        return Response.ok(pages.page(confirmPage).data("customerId", customerId.trim()).data("reason", reason.trim())
                .data("problem", null)).build();
    }

    /**
     * Step two, confirmed: asks journey-service to erase; the erasure's page, or the request form again with the
     * service's problems at its inputs.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> request(@FormParam(Csrf.FIELD) String csrfToken, @FormParam("customerId") String customerId,
                                 @FormParam("reason") String reason, @FormParam("confirmed") String confirmed) {
        csrf.verify(csrfToken);
        if (!"yes".equals(confirmed)) {
            return Uni.createFrom().item(AdminProblems.page(400, pages.page(confirmPage)
                    .data("customerId", customerId == null ? "" : customerId).data("reason", reason == null ? "" : reason)
                    .data("problem", pages.labels().get("adm_erasure_not_confirmed"))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("reason", reason);
        return api.post(Service.JOURNEY, ERASURES, body).map(reply -> {
            Object id = reply.map().get("erasureId");
            if (reply.ok() && id != null) {
                return Response.seeOther(URI.create("/admin/erasures/" + segment(id.toString()))).build();
            }
            return AdminProblems.page(AdminProblems.status(reply), start(customerId, reason, reply.problem(),
                    placed(AdminProblems.issues(reply.problem()))));
        });
    }

    private TemplateInstance start(String customerId, String reason, Reply.Problem problem, FieldProblems problems) {
        return pages.page(startPage).data("customerId", customerId == null ? "" : customerId)
                .data("reason", reason == null ? "" : reason).data("problem", problem).data("problems", problems);
    }

    static FieldProblems placed(List<FieldProblems.Issue> issues) {
        return FieldProblems.form().input("customerId").input("reason").place(issues);
    }

    /** One row per service that must answer: its receipt (what it erased, when), or that it is awaited. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> erasure) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Object> receipts = erasure.get("receipts") instanceof List<?> l ? (List<Object>) l : List.of();
        List<String> services = new ArrayList<>(SERVICES);
        receipts.stream().filter(Map.class::isInstance).map(r -> String.valueOf(((Map<String, Object>) r).get("service")))
                .filter(s -> !services.contains(s)).forEach(services::add);
        for (String service : services) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", service);
            receipts.stream().filter(Map.class::isInstance).map(r -> (Map<String, Object>) r)
                    .filter(r -> service.equals(r.get("service"))).findFirst()
                    .ifPresent(receipt -> row.put("receipt", receipt));
            rows.add(row);
        }
        return rows;
    }
}
