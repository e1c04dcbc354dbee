package io.journeyline.journey.service;

import io.journeyline.journey.config.AnalyticsConfig;
import io.journeyline.journey.domain.analytics.Figures;
import io.journeyline.journey.domain.analytics.Funnel;
import io.journeyline.journey.domain.analytics.RuleFigures;
import io.journeyline.journey.domain.analytics.TouchpointFigures;
import io.journeyline.journey.persistence.AnalyticsRepository;
import io.journeyline.platform.validation.ReportPeriod;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The touchpoint and funnel reports over [from, to) (default: the last {@code journeyline.analytics.window}). */
@ApplicationScoped
public class AnalyticsService {
    private final AnalyticsRepository repository;
    private final ActiveRuleSet active;
    private final AnalyticsConfig config;
    private final ReportPeriod.Reader periods;

    public AnalyticsService(AnalyticsRepository repository, AnalyticsConfig config, ReportPeriod.Reader periods,
                            ActiveRuleSet active) {
        this.repository = repository;
        this.active = active;
        this.config = config;
        this.periods = periods;
    }

    @WithSession
    public Uni<TouchpointFigures> touchpoints(OffsetDateTime from, OffsetDateTime to) {
        return periods.of(from, to, config.window(), List.of()).chain(period -> repository
                .touchpoints(period.from(), period.to()).chain(rows -> repository
                .surveysByTouchpoint(period.from(), period.to()).map(surveys -> {
                    Map<String, Map<String, AnalyticsRepository.SurveyRow>> byTouchpoint = surveys.stream()
                            .collect(Collectors.groupingBy(AnalyticsRepository.SurveyRow::touchpoint,
                                    Collectors.toMap(AnalyticsRepository.SurveyRow::kind, s -> s)));
                    List<TouchpointFigures.Touchpoint> items = new ArrayList<>();
                    for (AnalyticsRepository.TouchpointRow total : rows) {
                        if (total.channel() != null) {
                            continue;
                        }
                        Map<String, AnalyticsRepository.SurveyRow> kinds = byTouchpoint.getOrDefault(total.touchpoint(),
                                Map.of());
                        items.add(new TouchpointFigures.Touchpoint(total.touchpoint(), total.volume(), total.customers(),
                                Figures.Share.of(total.failures(), total.volume()),
                                Figures.Share.of(total.customersWithPainPoint(), total.customers()),
                                mean(kinds.get("CSAT")), mean(kinds.get("CES")),
                                rows.stream().filter(r -> r.channel() != null && r.touchpoint().equals(total.touchpoint()))
                                        .map(r -> new TouchpointFigures.Channel(r.channel(), r.volume(), r.customers(),
                                                Figures.Share.of(r.failures(), r.volume()),
                                                Figures.Share.of(r.customersWithPainPoint(), r.customers())))
                                        .toList()));
                    }
                    return new TouchpointFigures(period.from(), period.to(), items);
                })));
    }

    @WithSession
    public Uni<Funnel> funnel(OffsetDateTime from, OffsetDateTime to) {
        return periods.of(from, to, config.window(), List.of()).chain(period -> repository
                .cohort(period.from(), period.to()).map(cohort -> Funnel.of(period.from(), period.to(), cohort.size(),
                        cohort.furthest(), cohort.sideStates())));
    }

    /** Per rule and version over the period: detections, interventions, resolutions, recurrence, time to resolution. */
    @WithSession
    public Uni<RuleFigures> rules(OffsetDateTime from, OffsetDateTime to) {
        return periods.of(from, to, config.window(), List.of()).chain(period -> active.current().chain(ruleSet -> {
            Map<String, String> actions = new java.util.HashMap<>();
            ruleSet.document().rules().forEach(rule -> actions.put(rule.id() + "@" + rule.version(),
                    rule.action().type().name()));
            return repository.ruleRows(period.from(), period.to()).chain(rows -> repository
                    .ruleCounts(period.from(), period.to(), true).chain(interventions -> repository
                            .ruleCounts(period.from(), period.to(), false).map(resolutions -> RuleFigures.of(
                                    period.from(), period.to(), rows, interventions, resolutions, actions))));
        }));
    }

    private static Figures.Mean mean(AnalyticsRepository.SurveyRow row) {
        return row == null ? Figures.Mean.of(0, null, null) : Figures.Mean.of(row.n(), row.mean(), row.variance());
    }
}
