package io.journeyline.education.service;

import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.analytics.Completion;
import io.journeyline.education.persistence.CompletionRepository;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.validation.ReportPeriod;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The completion report over a period (default: the last {@code journeyline.education.analytics-window}). */
@ApplicationScoped
public class CompletionAnalytics {
    private final CompletionRepository repository;
    private final EducationConfig config;
    private final ReportPeriod.Reader periods;

    public CompletionAnalytics(CompletionRepository repository, EducationConfig config, ReportPeriod.Reader periods) {
        this.repository = repository;
        this.config = config;
        this.periods = periods;
    }

    @WithSession
    public Uni<Completion> report(OffsetDateTime from, OffsetDateTime to, String by, String period) {
        List<Problem.FieldError> problems = new ArrayList<>();
        if (by != null && !Completion.DIMENSIONS.contains(by)) {
            problems.add(Problem.FieldError.of("by", "must be one of " + String.join(", ", Completion.DIMENSIONS)));
        }
        String bucket = period == null ? "week" : period;
        if (!Completion.PERIODS.contains(bucket)) {
            problems.add(Problem.FieldError.of("period", "must be one of " + String.join(", ", Completion.PERIODS)));
        }
        return periods.of(from, to, config.analyticsWindow(), problems).chain(range -> repository
                .groups(range.from(), range.to(), null, bucket).chain(total -> (by == null
                        ? Uni.createFrom().item(List.<Completion.Group>of())
                        : repository.groups(range.from(), range.to(), by, bucket))
                        .map(groups -> new Completion(range.from(), range.to(), by, "period".equals(by) ? bucket : null,
                                total.isEmpty() ? Completion.Group.of("all", 0, 0, 0, null) : total.get(0), groups))));
    }
}
