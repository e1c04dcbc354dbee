package io.journeyline.feedback.service;

import io.journeyline.feedback.config.CasesConfig;
import io.journeyline.feedback.domain.analytics.CaseAnalytics;
import io.journeyline.feedback.persistence.CaseAnalyticsRepository;
import io.journeyline.platform.validation.ReportPeriod;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** The outer loop's figures over the cases opened in a period (by default the configured window up to now). */
@ApplicationScoped
public class CaseAnalyticsService {
    private final CaseAnalyticsRepository repository;
    private final CasesConfig config;
    private final ReportPeriod.Reader periods;

    public CaseAnalyticsService(CaseAnalyticsRepository repository, CasesConfig config, ReportPeriod.Reader periods) {
        this.repository = repository;
        this.config = config;
        this.periods = periods;
    }

    @WithSession
    public Uni<CaseAnalytics> analytics(OffsetDateTime from, OffsetDateTime to) {
        return periods.of(from, to, config.analyticsWindow(), List.of())
                .chain(period -> repository.analytics(period.from(), period.to()));
    }
}
