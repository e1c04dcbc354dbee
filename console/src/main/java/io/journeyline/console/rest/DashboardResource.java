package io.journeyline.console.rest;

import io.journeyline.console.domain.BarChart;
import io.journeyline.console.domain.CrossTab;
import io.journeyline.console.domain.EffectMetric;
import io.journeyline.console.domain.HeatMap;
import io.journeyline.console.domain.IntervalChart;
import io.journeyline.console.domain.ReportPeriod;
import io.journeyline.console.domain.TrendChart;
import io.journeyline.console.service.Api;
import io.journeyline.console.service.Api.Service;
import io.journeyline.console.service.Reply;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
 * The supervisors' dashboards, one page each under {@code /dashboards}, over the period the reader picks (each report's
 * own default window when none): education's effect (treated against held out, by rule, content or month), the
 * journey (funnel and touchpoint heat map), survey scores over time, cases (supervisors only: feedback-service shows
 * case analytics to no one else), content to review with completion rates, and how each rule did. Every block comes
 * from one service's report, called as the signed-in person; one that fails shows its problem in its block only. The
 * numbers are printed as the reports give them (rounded for reading; each raw value in {@code data-value}).
 */
@Path("/dashboards")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"supervisor", "admin"})
public class DashboardResource {
    /** Groupings of the education-effect report (journey-service's {@code by}; a period is a month). */
    static final List<String> EFFECT_BY = List.of("rule", "content", "period");
    /** Trend buckets of survey-service's results. */
    static final List<String> BUCKETS = List.of("day", "week", "month");
    /** The survey kinds with a headline score, each a block of the surveys page. */
    static final List<String> SURVEY_KINDS = List.of("NPS", "CSAT", "CES");
    /** Groupings of education-service's completion report, and its period lengths for {@code by=period}. */
    static final List<String> COMPLETION_BY = List.of("content", "path", "rule", "stage", "period");
    static final List<String> PERIODS = List.of("day", "week", "month");

    @Inject
    Api api;
    @Inject
    Pages pages;
    @Inject
    Template dashboardsEducation;
    @Inject
    Template dashboardsJourney;
    @Inject
    Template dashboardsSurveys;
    @Inject
    Template dashboardsCases;
    @Inject
    Template dashboardsContent;
    @Inject
    Template dashboardsRules;

    /** The first dashboard. */
    @GET
    public Response index() {
        return Response.seeOther(URI.create("/dashboards/education")).build();
    }

    /** Education's effect: {@code GET /api/v1/analytics/education-effect?by=…} of journey-service. */
    @GET
    @Path("education")
    public Uni<TemplateInstance> education(@QueryParam("by") String by, @QueryParam("from") String from,
                                           @QueryParam("to") String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        String grouping = pick(EFFECT_BY, by);
        Map<String, Object> query = new LinkedHashMap<>(period.query());
        query.put("by", grouping);
        return api.get(Service.JOURNEY, "/api/v1/analytics/education-effect", query)
                .map(effect -> page(dashboardsEducation, "education", period).data("by", grouping)
                        .data("groupings", EFFECT_BY).data("effect", effect)
                        .data("metrics", effect.ok() ? EffectMetric.of(effect.map()) : List.of()));
    }

    /** The funnel and the touchpoints: journey-service's {@code /funnel} and {@code /touchpoints}. */
    @GET
    @Path("journey")
    public Uni<TemplateInstance> journey(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        Uni<Reply> funnel = api.get(Service.JOURNEY, "/api/v1/analytics/funnel", period.query());
        Uni<Reply> touchpoints = api.get(Service.JOURNEY, "/api/v1/analytics/touchpoints", period.query());
        return Uni.combine().all().unis(funnel, touchpoints).asTuple().map(replies -> {
            Reply f = replies.getItem1();
            Reply tp = replies.getItem2();
            List<BarChart.Value> stages = new ArrayList<>();
            for (Object step : f.ok() ? list(f.map().get("steps")) : List.of()) {
                Map<?, ?> s = (Map<?, ?>) step;
                stages.add(new BarChart.Value(String.valueOf(s.get("stage")), (Number) s.get("reached")));
            }
            return page(dashboardsJourney, "journey", period).data("funnel", f).data("touchpoints", tp)
                    .data("funnelChart", BarChart.of(stages, (Number) f.map().get("cohort")))
                    .data("failureHeat", HeatMap.of(tp.items(), "failureRate"))
                    .data("painHeat", HeatMap.of(tp.items(), "painPointRate"))
                    .data("heatBounds", HeatMap.BOUNDS);
        });
    }

    /** One survey kind's results over time, as its block shows them. */
    @TemplateData
    public record SurveyBlock(String kind, Reply results, TrendChart chart) {
    }

    /**
     * NPS, CSAT and CES over time: survey-service's {@code GET /api/v1/results?kind=…&bucket=…} per kind, or one
     * survey's {@code /api/v1/surveys/{id}/results} when {@code survey} names it.
     */
    @GET
    @Path("surveys")
    public Uni<TemplateInstance> surveys(@QueryParam("bucket") String bucket, @QueryParam("survey") String survey,
                                         @QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        String buckets = pick(BUCKETS, bucket, "week");
        String surveyId = survey == null || survey.isBlank() ? null : survey.trim();
        List<Uni<SurveyBlock>> blocks = new ArrayList<>();
        if (surveyId != null) {
            Map<String, Object> query = new LinkedHashMap<>(period.query());
            query.put("bucket", buckets);
            blocks.add(api.get(Service.SURVEY, "/api/v1/surveys/" + segment(surveyId) + "/results", query)
                    .map(reply -> block(String.valueOf(reply.map().getOrDefault("kind", "")), reply)));
        } else {
            for (String kind : SURVEY_KINDS) {
                Map<String, Object> query = new LinkedHashMap<>(period.query());
                query.put("kind", kind);
                query.put("bucket", buckets);
                blocks.add(api.get(Service.SURVEY, "/api/v1/results", query).map(reply -> block(kind, reply)));
            }
        }
        return Uni.join().all(blocks).andFailFast().map(results -> page(dashboardsSurveys, "surveys", period)
                .data("bucket", buckets).data("buckets", BUCKETS).data("survey", surveyId).data("blocks", results));
    }

    private static SurveyBlock block(String kind, Reply reply) {
        return new SurveyBlock(kind, reply, reply.ok() ? TrendChart.ofResults(reply.map()) : null);
    }

    /**
     * Case analytics: feedback-service's {@code GET /api/v1/analytics/cases}, which it shows supervisors only (so does
     * the console).
     */
    @GET
    @Path("cases")
    @RolesAllowed("supervisor")
    public Uni<TemplateInstance> cases(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return api.get(Service.FEEDBACK, "/api/v1/analytics/cases", period.query()).map(reply -> {
            List<?> cells = list(reply.map().get("byRootCause"));
            return page(dashboardsCases, "cases", period).data("cases", reply)
                    .data("rootCauses", CrossTab.of(cells, "rootCause", "touchpoint"))
                    .data("categories", CrossTab.of(cells, "category", "touchpoint"));
        });
    }

    /**
     * Content to review and completion rates: education-service's {@code GET /api/v1/contents/review} and
     * {@code GET /api/v1/analytics/completion?by=…}.
     */
    @GET
    @Path("content")
    public Uni<TemplateInstance> content(@QueryParam("by") String by, @QueryParam("period") String length,
                                         @QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        String grouping = pick(COMPLETION_BY, by);
        String periodLength = pick(PERIODS, length, "week");
        Map<String, Object> query = new LinkedHashMap<>(period.query());
        query.put("by", grouping);
        if (grouping.equals("period")) {
            query.put("period", periodLength);
        }
        Uni<Reply> review = api.get(Service.EDUCATION, "/api/v1/contents/review");
        Uni<Reply> completion = api.get(Service.EDUCATION, "/api/v1/analytics/completion", query);
        return Uni.combine().all().unis(review, completion).asTuple().map(replies -> {
            Reply c = replies.getItem2();
            List<IntervalChart.Estimate> rates = new ArrayList<>();
            List<Object> groups = new ArrayList<>();
            if (c.ok()) {
                if (c.map().get("total") != null) {
                    groups.add(c.map().get("total"));
                }
                groups.addAll(list(c.map().get("groups")));
            }
            for (Object group : groups) {
                Map<?, ?> g = (Map<?, ?>) group;
                Map<?, ?> rate = g.get("completionRate") instanceof Map<?, ?> r ? r : Map.of();
                rates.add(new IntervalChart.Estimate(String.valueOf(g.get("key")), number(rate.get("percent")),
                        number(rate.get("lower95")), number(rate.get("upper95")), null));
            }
            return page(dashboardsContent, "content", period).data("review", replies.getItem1()).data("completion", c)
                    .data("by", grouping).data("groupings", COMPLETION_BY).data("periodLength", periodLength)
                    .data("periods", PERIODS).data("completionGroups", groups)
                    .data("completionChart", IntervalChart.percentages(rates, "all"));
        });
    }

    /** How each rule did: journey-service's {@code GET /api/v1/analytics/rules}. */
    @GET
    @Path("rules")
    public Uni<TemplateInstance> rules(@QueryParam("from") String from, @QueryParam("to") String to) {
        ReportPeriod period = ReportPeriod.of(from, to);
        return api.get(Service.JOURNEY, "/api/v1/analytics/rules", period.query())
                .map(reply -> page(dashboardsRules, "rules", period).data("rules", reply));
    }

    private TemplateInstance page(Template template, String tab, ReportPeriod period) {
        return pages.page(template).data("tab", tab).data("period", period);
    }

    /** {@code value} when it is one of {@code choices}, else the first of them. */
    static String pick(List<String> choices, String value) {
        return pick(choices, value, choices.get(0));
    }

    static String pick(List<String> choices, String value, String otherwise) {
        return value != null && choices.contains(value) ? value : otherwise;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
