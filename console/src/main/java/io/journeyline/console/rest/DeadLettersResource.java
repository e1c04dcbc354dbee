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
import java.util.Locale;
import java.util.Map;

import static io.journeyline.console.service.Api.segment;

/**
 * Dead letters (admin): each of the four services serves {@code GET /api/v1/dead-letters} for its own consumers'; the
 * page lists one service's with the API's filters (reason, type, topic, from, to), a page at a time, and replays the
 * ones ticked or every one the filter matches ({@code POST /api/v1/dead-letters/replay}); the replay's page follows the
 * job live ({@code GET /api/v1/dead-letters/replays/{id}}).
 */
@Path("/admin/dead-letters")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class DeadLettersResource {
    private static final String DEAD_LETTERS = "/api/v1/dead-letters";
    private static final int PAGE = 50;

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Csrf csrf;
    @Inject
    @Location("admin-dead-letters.html")
    Template listPage;
    @Inject
    @Location("admin-replay.html")
    Template replayPage;

    /** The list's filters: the API's, and the service whose dead letters they are. */
    public static class Filters {
        @QueryParam("service")
        public String service;
        @QueryParam("reason")
        public String reason;
        @QueryParam("type")
        public String type;
        @QueryParam("topic")
        public String topic;
        @QueryParam("from")
        public String from;
        @QueryParam("to")
        public String to;
        @QueryParam("cursor")
        public String cursor;

        /** The filters as typed, for the form to show again. */
        Map<String, String> typed() {
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("service", serviceName(service));
            typed.put("reason", nullToEmpty(reason));
            typed.put("type", nullToEmpty(type));
            typed.put("topic", nullToEmpty(topic));
            typed.put("from", nullToEmpty(from));
            typed.put("to", nullToEmpty(to));
            return typed;
        }

        /** The API's filter: blank values left out, a date alone as that day's start (UTC). */
        Map<String, Object> filter() {
            Map<String, Object> filter = new LinkedHashMap<>();
            filter.put("reason", AdminForms.blankToNull(reason));
            filter.put("type", AdminForms.blankToNull(type));
            filter.put("topic", AdminForms.blankToNull(topic));
            filter.put("from", AdminForms.time(from));
            filter.put("to", AdminForms.time(to));
            filter.values().removeIf(java.util.Objects::isNull);
            return filter;
        }
    }

    @GET
    public Uni<TemplateInstance> list(@BeanParam Filters filters) {
        return list(filters, null, null, List.of());
    }

    private Uni<TemplateInstance> list(Filters filters, Reply.Problem refused, FieldProblems refusedAt,
                                       List<String> ticked) {
        String service = serviceName(filters.service);
        Map<String, Object> query = new LinkedHashMap<>(filters.filter());
        query.put("cursor", filters.cursor);
        query.put("limit", PAGE);
        return api.get(service(service), DEAD_LETTERS, query).map(reply -> {
            FieldProblems problems = refusedAt != null ? refusedAt : reply.status() == 400
                    ? placed(AdminProblems.issues(reply.problem())) : FieldProblems.none();
            return pages.page(listPage).data("service", service).data("reply", reply).data("filters", filters.typed())
                    .data("filtered", !filters.filter().isEmpty()).data("problems", problems)
                    .data("refused", refused).data("ticked", ticked)
                    .data("next", reply.ok() && reply.map().get("next") instanceof String next
                            ? nextPage(service, filters.filter(), next) : null);
        });
    }

    /**
     * Replays the dead letters ticked ({@code ids}) or, with {@code by=filter}, every one the filter matches that was
     * not replayed yet: the job's page, or the list again with the service's problems at the filter's inputs.
     */
    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> replay(@FormParam(Csrf.FIELD) String csrfToken, @FormParam("service") String serviceField,
                                @FormParam("reason") String reason, @FormParam("type") String type,
                                @FormParam("topic") String topic, @FormParam("from") String from,
                                @FormParam("to") String to, @FormParam("ids") List<String> ids,
                                @FormParam("by") String by) {
        csrf.verify(csrfToken);
        Filters filters = new Filters();
        filters.service = serviceField;
        filters.reason = reason;
        filters.type = type;
        filters.topic = topic;
        filters.from = from;
        filters.to = to;
        String service = serviceName(filters.service);
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> ticked = ids == null ? List.of() : ids.stream().filter(id -> !id.isBlank()).toList();
        if ("filter".equals(by)) {
            body.putAll(filters.filter());
        } else {
            body.put("ids", ticked);
        }
        return api.post(service(service), DEAD_LETTERS + "/replay", body).chain(started -> {
            Object id = started.map().get("id");
            if (started.ok() && id != null) {
                return Uni.createFrom().item(Response.seeOther(URI.create("/admin/dead-letters/replays/" + service
                        + "/" + segment(id.toString()))).build());
            }
            return list(filters, started.problem(), placed(AdminProblems.issues(started.problem())), ticked)
                    .map(page -> AdminProblems.page(AdminProblems.status(started), page));
        });
    }

    @GET
    @Path("/replays/{service}/{id}")
    public Uni<TemplateInstance> job(@PathParam("service") String service, @PathParam("id") String id) {
        String name = serviceName(service);
        return api.get(service(name), DEAD_LETTERS + "/replays/" + segment(id)).map(reply -> pages.page(replayPage)
                .data("service", name).data("id", id).data("reply", reply));
    }

    /** The filters' inputs take their fields; {@code ids} and {@code ids[3]} go to the list of dead letters. */
    static FieldProblems placed(List<FieldProblems.Issue> issues) {
        return FieldProblems.form().input("reason").input("type").input("topic").input("from").input("to")
                .input("ids").place(issues);
    }

    /** A service as the page's URLs name it (journey, survey, education, feedback); anything else is journey. */
    static String serviceName(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return AdminCodes.deadLetterServices.contains(lower) ? lower : "journey";
    }

    static Service service(String name) {
        return Service.valueOf(serviceName(name).toUpperCase(Locale.ROOT));
    }

    private static String nextPage(String service, Map<String, Object> filter, String cursor) {
        StringBuilder url = new StringBuilder("/admin/dead-letters?service=").append(service);
        filter.forEach((k, v) -> url.append('&').append(k).append('=').append(segment(v.toString())));
        return url.append("&cursor=").append(segment(cursor)).toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
