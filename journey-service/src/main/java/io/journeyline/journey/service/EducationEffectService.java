package io.journeyline.journey.service;

import io.journeyline.journey.config.AnalyticsConfig;
import io.journeyline.journey.domain.analytics.EducationEffect;
import io.journeyline.journey.persistence.EducationEffectRepository;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.validation.ReportPeriod;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The education-effect report over the pain points detected in [from, to) (default: the last analytics window). */
@ApplicationScoped
public class EducationEffectService {
    private final EducationEffectRepository repository;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final ReportPeriod.Reader periods;

    public EducationEffectService(EducationEffectRepository repository, AnalyticsConfig config, Clock clock,
                                  ReportPeriod.Reader periods) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
        this.periods = periods;
    }

    @WithSession
    public Uni<EducationEffect> report(OffsetDateTime from, OffsetDateTime to, String by) {
        List<Problem.FieldError> problems = by == null || EducationEffect.DIMENSIONS.contains(by) ? List.of()
                : List.of(Problem.FieldError.of("by", "must be one of " + String.join(", ", EducationEffect.DIMENSIONS)));
        return periods.of(from, to, config.window(), problems).chain(period -> repository
                .members(period.from(), period.to(), config.educationEffectWindow(), OffsetDateTime.now(clock))
                .map(rows -> EducationEffect.of(period.from(), period.to(), by, config.educationEffectWindow().toString(),
                        config.minimumNPerArm(), rows.stream().map(r -> new EducationEffect.Member(r.ruleId(), r.content(),
                                r.anchor().atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7),
                                r.heldOut(), r.closed(), r.recurred(), r.csatBefore(), r.csatAfter(), r.npsBefore(),
                                r.npsAfter())).toList())));
    }
}
