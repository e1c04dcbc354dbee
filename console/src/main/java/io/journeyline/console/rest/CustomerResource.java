package io.journeyline.console.rest;

import io.journeyline.console.config.ConsoleConfig;
import io.journeyline.console.domain.Masking;
import io.journeyline.console.service.Api;
import io.journeyline.console.service.Api.Service;
import io.journeyline.console.service.Reply;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.Consumes;
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
 * Customer 360, as an agent sees it while the customer is on the phone: find the customer by id or by an identifier
 * (e-mail, phone), then one page with the journey (stage, health and its parts, consents, linked customers), the
 * timeline newest first (filters; more as the agent scrolls), open pain points with their evidence, interventions
 * sent and suppressed with the guard's reason, "why was I contacted", cases with their SLA clocks, assignments and
 * survey answers. Each part comes from the service that owns it; one that does not answer leaves a note, not an error
 * page.
 */
@Path("/customers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"agent", "supervisor"})
public class CustomerResource {
    /** The survey answers shown on the page (each read from survey-service for its comment). */
    static final int SURVEY_ANSWERS = 10;
    /** The pain points shown, newest first (open and closed: what was found and what became of it). */
    static final int PAIN_POINTS = 20;

    @Inject
    Api api;
    @Inject
    Csrf csrf;
    @Inject
    Pages pages;
    @Inject
    ConsoleConfig config;
    @Inject
    Template customers;
    @Inject
    Template customer;
    @Inject
    Template timeline;
    @Inject
    Template event;

    @GET
    public TemplateInstance searchPage() {
        return pages.page(customers).data("q", "").data("problem", null);
    }

    /**
     * The search: an identifier ({@code email:…}, {@code phone:…}, or a bare e-mail address or phone number) is looked
     * up in journey-service; anything else is taken as a customer id. A form POST, so that an e-mail address or phone
     * number searched for stays out of URLs (browser history, access logs); the customer's page is then opened by id.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Object> search(@FormParam(Csrf.FIELD) String csrfToken, @FormParam("q") String q) {
        csrf.verify(csrfToken);
        if (q == null || q.isBlank()) {
            return Uni.createFrom().item(pages.page(customers).data("q", "").data("problem", null)
                    .data("here", "/customers"));
        }
        String query = q.trim();
        String identifier = Masking.identifier(query);
        if (identifier == null) {
            return Uni.createFrom().item(Response.seeOther(URI.create("/customers/" + segment(query))).build());
        }
        return api.get(Service.JOURNEY, "/api/v1/customers", Map.of("identifier", identifier)).map(reply -> {
            if (reply.ok() && reply.map().get("customerId") instanceof String found) {
                return Response.seeOther(URI.create("/customers/" + segment(found))).build();
            }
            return pages.page(customers).data("q", query).data("problem", reply.problem()).data("here", "/customers");
        });
    }

    @GET
    @Path("/{id}")
    public Uni<TemplateInstance> customer(@PathParam("id") String id,
                                          @QueryParam("type") String type, @QueryParam("channel") String channel,
                                          @QueryParam("source") String source, @QueryParam("from") String from,
                                          @QueryParam("to") String to) {
        String c = segment(id);
        Map<String, Object> filters = filters(type, channel, source, from, to);
        Map<String, Object> timelineQuery = new LinkedHashMap<>(filters);
        timelineQuery.put("limit", config.timelinePageSize());
        Uni<Reply> journey = api.get(Service.JOURNEY, "/api/v1/customers/" + c + "/journey");
        Uni<Reply> entries = api.get(Service.JOURNEY, "/api/v1/customers/" + c + "/timeline", timelineQuery);
        Uni<Reply> consents = api.get(Service.JOURNEY, "/api/v1/customers/" + c + "/consents");
        Uni<Reply> decisions = api.get(Service.JOURNEY, "/api/v1/customers/" + c + "/decisions", Map.of("limit", 20));
        Uni<Reply> painPoints = api.get(Service.JOURNEY, "/api/v1/customers/" + c + "/pain-points",
                Map.of("status", List.of("OPEN", "ACKNOWLEDGED", "RESOLVED", "DISMISSED"), "limit", PAIN_POINTS));
        Uni<Reply> cases = api.get(Service.FEEDBACK, "/api/v1/customers/" + c + "/cases", Map.of("limit", 50));
        Uni<Reply> assignments = api.get(Service.EDUCATION, "/api/v1/customers/" + c + "/assignments");
        Uni<List<Map<String, Object>>> answers = surveyAnswers(c);
        return Uni.combine().all().unis(journey, entries, consents, decisions, painPoints, cases, assignments,
                answers).with(parts -> {
            Reply j = (Reply) parts.get(0);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> surveyAnswers = (List<Map<String, Object>>) parts.get(7);
            return pages.page(customer).data("id", id).data("journey", j)
                    .data("timeline", parts.get(1)).data("consents", parts.get(2)).data("decisions", parts.get(3))
                    .data("painPoints", parts.get(4)).data("cases", parts.get(5)).data("assignments", parts.get(6))
                    .data("answers", surveyAnswers).data("filters", filters)
                    .data("moreUrl", moreUrl(id, filters, ((Reply) parts.get(1)).nextCursor()));
        });
    }

    /** The next timeline page as rows for the page to append (infinite scroll), with the link to the one after. */
    @GET
    @Path("/{id}/timeline")
    public Uni<TemplateInstance> timelinePage(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                              @QueryParam("type") String type, @QueryParam("channel") String channel,
                                              @QueryParam("source") String source, @QueryParam("from") String from,
                                              @QueryParam("to") String to) {
        Map<String, Object> filters = filters(type, channel, source, from, to);
        Map<String, Object> query = new LinkedHashMap<>(filters);
        query.put("limit", config.timelinePageSize());
        query.put("cursor", cursor);
        return api.get(Service.JOURNEY, "/api/v1/customers/" + segment(id) + "/timeline", query)
                .map(reply -> pages.page(timeline).data("id", id).data("timeline", reply)
                        .data("moreUrl", moreUrl(id, filters, reply.nextCursor())));
    }

    /**
     * One event of the customer's timeline, all of its data: where an evidence link leads. The timeline is read back
     * from {@code before} (the pain point's detection) for at most {@code evidence-search-pages} pages.
     */
    @GET
    @Path("/{id}/events/{eventId}")
    public Uni<TemplateInstance> event(@PathParam("id") String id, @PathParam("eventId") String eventId,
                                       @QueryParam("before") String before) {
        return find(id, eventId, before, null, config.evidenceSearchPages())
                .map(found -> pages.page(event).data("id", id).data("eventId", eventId).data("entry", found));
    }

    private Uni<Map<String, Object>> find(String id, String eventId, String before, String cursor, int pagesLeft) {
        if (pagesLeft == 0) {
            return Uni.createFrom().nullItem();
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", 200);
        query.put("to", justAfter(before));
        query.put("cursor", cursor);
        return api.get(Service.JOURNEY, "/api/v1/customers/" + segment(id) + "/timeline", query).chain(reply -> {
            for (Object item : reply.items()) {
                if (item instanceof Map<?, ?> entry && eventId.equals(entry.get("eventId"))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> found = (Map<String, Object>) entry;
                    return Uni.createFrom().item(found);
                }
            }
            return reply.nextCursor() == null ? Uni.createFrom().nullItem()
                    : find(id, eventId, before, reply.nextCursor(), pagesLeft - 1);
        });
    }

    /**
     * The timeline's {@code to} is exclusive; an evidence link's {@code before} is the moment of the event itself (its
     * detection, or its own time), so the search ends a microsecond after it.
     */
    static String justAfter(String instant) {
        if (instant == null || instant.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(instant).plusNanos(1_000).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /** The customer's latest survey answers (from the timeline), each with its comment from survey-service. */
    private Uni<List<Map<String, Object>>> surveyAnswers(String customer) {
        return api.get(Service.JOURNEY, "/api/v1/customers/" + customer + "/timeline",
                Map.of("type", "io.journeyline.survey.responded", "limit", SURVEY_ANSWERS)).chain(reply -> {
            List<Uni<Map<String, Object>>> reads = new ArrayList<>();
            for (Object item : reply.items()) {
                if (item instanceof Map<?, ?> entry && entry.get("data") instanceof Map<?, ?> data
                        && data.get("surveyId") instanceof String survey && data.get("responseId") instanceof String r) {
                    reads.add(api.get(Service.SURVEY, "/api/v1/surveys/" + segment(survey) + "/responses/" + segment(r))
                            .map(response -> {
                                Map<String, Object> answer = new LinkedHashMap<>();
                                answer.put("time", entry.get("time"));
                                answer.put("surveyId", survey);
                                answer.put("kind", data.get("surveyKind"));
                                answer.put("scores", data.get("scores"));
                                answer.put("touchpoint", data.get("touchpoint"));
                                answer.put("comment", response.map().get("comment"));
                                return answer;
                            }));
                }
            }
            return reads.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(reads).andCollectFailures();
        });
    }

    private static Map<String, Object> filters(String type, String channel, String source, String from, String to) {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("type", type);
        filters.put("channel", channel);
        filters.put("source", source);
        filters.put("from", from);
        filters.put("to", to);
        filters.values().removeIf(v -> v == null || v.toString().isBlank());
        return filters;
    }

    private static String moreUrl(String id, Map<String, Object> filters, String cursor) {
        if (cursor == null) {
            return null;
        }
        StringBuilder url = new StringBuilder("/customers/").append(segment(id)).append("/timeline?cursor=")
                .append(segment(cursor));
        filters.forEach((k, v) -> url.append('&').append(k).append('=').append(segment(v.toString())));
        return url.toString();
    }
}
