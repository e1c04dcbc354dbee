package io.journeyline.console.rest;

import io.journeyline.console.service.Api;
import io.journeyline.console.service.Api.Service;
import io.journeyline.console.service.Reply;
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
 * The case queue (breached and at-risk first) and one case with every command. The buttons a case offers are the
 * commands feedback-service says its state allows ({@code allowed}); a command refused anyway (someone else moved
 * the case first) shows the 409's problem and, again, only the commands now allowed.
 */
@Path("/cases")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"agent", "supervisor"})
public class CaseResource {
    /** The commands, in the order the page offers them, as feedback-service's command paths name them. */
    static final List<String> COMMANDS = List.of("acknowledge", "assign", "notes", "wait-on-customer", "resume",
            "resolve", "callback", "escalate");

    /** The customer's own words shown on a case: its latest feedback items, at most this many. */
    static final int FEEDBACK_SHOWN = 5;

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    Template cases;
    @Inject
    Template caseView;

    @GET
    public Uni<TemplateInstance> queue(@QueryParam("status") String status, @QueryParam("priority") String priority,
                                       @QueryParam("team") String team, @QueryParam("assignee") String assignee,
                                       @QueryParam("breached") String breached, @QueryParam("topic") String topic) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("priority", priority);
        query.put("team", team);
        query.put("assignee", assignee);
        query.put("breached", "true".equals(breached) ? "true" : null);
        query.put("topic", topic);
        query.put("order", "urgency");
        query.put("limit", 100);
        return api.get(Service.FEEDBACK, "/api/v1/cases", query)
                .map(reply -> pages.page(cases).data("reply", reply).data("filters", query));
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> one(@PathParam("id") String id) {
        return view(id, null);
    }

    private Uni<TemplateInstance> view(String id, Reply refused) {
        return api.get(Service.FEEDBACK, "/api/v1/cases/" + segment(id)).chain(reply -> feedback(reply)
                .map(feedback -> pages.page(caseView).data("id", id).data("reply", reply).data("commands", COMMANDS)
                        .data("feedback", feedback).data("refused", refused == null ? null : refused.problem())));
    }

    /** What the customer said: the feedback items among the case's contacts (the latest few), as they wrote it. */
    private Uni<List<Object>> feedback(Reply caseReply) {
        List<Uni<Object>> reads = new java.util.ArrayList<>();
        if (caseReply.map().get("contacts") instanceof List<?> contacts) {
            for (Object contact : contacts) {
                if (contact instanceof Map<?, ?> c && "feedback".equals(c.get("kind"))
                        && c.get("refId") instanceof String ref && reads.size() < FEEDBACK_SHOWN) {
                    reads.add(api.get(Service.FEEDBACK, "/api/v1/feedback/" + segment(ref))
                            .map(found -> found.ok() ? found.body() : null));
                }
            }
        }
        return reads.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(reads).andCollectFailures().map(found -> found.stream()
                .filter(java.util.Objects::nonNull).toList());
    }

    /**
     * One command with what its form carries (note, team, assignee, root cause, callback outcome, reason): back to
     * the case, or the case again with the service's problem (400 naming each field, 409 naming what is allowed).
     */
    @POST
    @Path("/{id}/{command}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Object> command(@PathParam("id") String id, @PathParam("command") String command,
                               @FormParam(Csrf.FIELD) String csrfToken, @FormParam("note") String note, @FormParam("team") String team,
                               @FormParam("assignee") String assignee, @FormParam("rootCause") String rootCause,
                               @FormParam("outcome") String outcome, @FormParam("reason") String reason) {
        csrf.verify(csrfToken);
        if (!COMMANDS.contains(command)) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", blankToNull(note));
        body.put("team", blankToNull(team));
        body.put("assignee", blankToNull(assignee));
        body.put("rootCause", blankToNull(rootCause));
        body.put("outcome", blankToNull(outcome));
        body.put("reason", blankToNull(reason));
        body.values().removeIf(java.util.Objects::isNull);
        return api.post(Service.FEEDBACK, "/api/v1/cases/" + segment(id) + "/" + command, body).chain(reply -> reply.ok()
                ? Uni.createFrom().item(Response.seeOther(URI.create("/cases/" + segment(id))).build())
                : view(id, reply).map(page -> Response.status(reply.status() == 0 ? 502 : reply.status())
                .entity(page.data("here", "/cases/" + segment(id))).build()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
