package io.journeyline.journey.service;

import io.journeyline.journey.config.AnalyticsConfig;
import io.journeyline.journey.domain.analytics.EducationEffect;
import io.journeyline.journey.persistence.EducationEffectRepository;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The education-effect report over the pain points detected in [from, to) (default: the last analytics window). */
@ApplicationScoped
public class EducationEffectService {
    private final EducationEffectRepository repository;
    private final AnalyticsConfig config;
    private final Clock clock;

    public EducationEffectService(EducationEffectRepository repository, AnalyticsConfig config, Clock clock) {
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    @WithSession
    public Uni<EducationEffect> report(OffsetDateTime from, OffsetDateTime to, String by) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime end = to != null ? to : now;
        OffsetDateTime start = from != null ? from : end.minus(config.window());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!start.isBefore(end)) {
            errors.add(Problem.FieldError.of("from", "must be before to"));
        }
        if (by != null && !EducationEffect.DIMENSIONS.contains(by)) {
            errors.add(Problem.FieldError.of("by", "must be one of " + String.join(", ", EducationEffect.DIMENSIONS)));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid report request", errors));
        }
        return repository.members(start, end, config.educationEffectWindow(), now).map(rows -> EducationEffect.of(
                start, end, by, config.educationEffectWindow().toString(), config.minimumNPerArm(),
                rows.stream().map(r -> new EducationEffect.Member(r.ruleId(), r.content(),
                        r.anchor().atZoneSameInstant(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7),
                        r.heldOut(), r.closed(), r.recurred(), r.csatBefore(), r.csatAfter(), r.npsBefore(),
                        r.npsAfter())).toList()));
    }
}
