package io.journeyline.console.rest;

import io.journeyline.console.service.Api;
import io.journeyline.console.service.Api.Service;
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
 * The pain-point worklist: journey-service's {@code GET /api/v1/pain-points} with its filters (status, rule,
 * severity, topic, touchpoint, since, shadow), a page at a time; each open pain point acknowledged or dismissed with a
 * reason (the agents' false-positive signal the rule analytics count).
 */
@Path("/pain-points")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"agent", "supervisor"})
public class PainPointResource {
    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    Template painPoints;

    public static class Filters {
        @QueryParam("status")
        public List<String> status;
        @QueryParam("rule")
        public String rule;
        @QueryParam("severity")
        public String severity;
        @QueryParam("topic")
        public String topic;
        @QueryParam("touchpoint")
        public String touchpoint;
        @QueryParam("since")
        public String since;
        @QueryParam("shadow")
        public String shadow;
        @QueryParam("cursor")
        public String cursor;

        Map<String, Object> query() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("status", status == null || status.isEmpty() ? List.of("OPEN") : status);
            query.put("rule", rule);
            query.put("severity", severity);
            query.put("topic", topic);
            query.put("touchpoint", touchpoint);
            query.put("since", since);
            query.put("shadow", "true".equals(shadow) ? "true" : null);
            query.put("cursor", cursor);
            query.put("limit", 50);
            return query;
        }
    }

    @GET
    public Uni<TemplateInstance> worklist(@BeanParam Filters filters) {
        return list(filters, null);
    }

    private Uni<TemplateInstance> list(Filters filters, io.journeyline.console.service.Reply failed) {
        Map<String, Object> query = filters.query();
        return api.get(Service.JOURNEY, "/api/v1/pain-points", query).map(reply -> pages.page(painPoints)
                .data("reply", reply).data("filters", query).data("failed", failed == null ? null : failed.problem())
                .data("next", reply.nextCursor() == null ? null : next(query, reply.nextCursor())));
    }

    /** Acknowledge or dismiss ({@code action}) with the agent's note; back to the worklist, or the problem shown. */
    @POST
    @Path("/{id}/{action:acknowledge|dismiss}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Object> act(@PathParam("id") String id, @PathParam("action") String action,
                           @FormParam(Csrf.FIELD) String csrfToken, @FormParam("note") String note, @FormParam("back") String back) {
        csrf.verify(csrfToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", note == null || note.isBlank() ? null : note);
        return api.post(Service.JOURNEY, "/api/v1/pain-points/" + segment(id) + "/" + action, body).chain(reply -> {
            if (reply.ok()) {
                String target = Pages.local(back) ? back : "/pain-points";
                return Uni.createFrom().item(Response.seeOther(URI.create(target)).build());
            }
            return list(new Filters(), reply).map(page -> Response.status(reply.status() == 0 ? 502 : reply.status())
                    .entity(page.data("here", "/pain-points")).build());
        });
    }

    private static String next(Map<String, Object> query, String cursor) {
        StringBuilder url = new StringBuilder("/pain-points?cursor=").append(segment(cursor));
        query.forEach((k, v) -> {
            if (k.equals("cursor") || k.equals("limit") || v == null) {
                return;
            }
            if (v instanceof List<?> values) {
                values.forEach(value -> url.append('&').append(k).append('=').append(segment(value.toString())));
            } else if (!v.toString().isBlank()) {
                url.append('&').append(k).append('=').append(segment(v.toString()));
            }
        });
        return url.toString();
    }
}
