package io.journeyline.survey.service;

import io.journeyline.contract.event.SurveyResponded;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.persistence.SurveyResponseRepository;
import io.journeyline.survey.domain.NewResponse;
import io.journeyline.survey.domain.scoring.RatingScale;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records survey answers and publishes {@code survey.responded} in the same transaction. */
@ApplicationScoped
public class SurveyResponseService {
    private final SurveyResponseRepository responses;
    private final Outbox outbox;
    private final Clock clock;

    public SurveyResponseService(SurveyResponseRepository responses, Outbox outbox, Clock clock) {
        this.responses = responses;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<SurveyResponse> record(String surveyId, NewResponse request) {
        RatingScale.violation(request.surveyKind(), request.score()).ifPresent(violation -> {
            throw ProblemException.badRequest("the score is not on the survey's scale",
                    List.of(Problem.FieldError.of("score", violation)));
        });
        SurveyResponse response = new SurveyResponse();
        response.id = UUID.randomUUID().toString();
        response.surveyId = surveyId;
        response.surveyKind = request.surveyKind();
        response.customerId = request.customerId();
        response.score = request.score();
        response.touchpoint = request.touchpoint();
        response.caseId = request.caseId();
        response.comment = request.comment();
        response.respondedAt = request.respondedAt() != null ? request.respondedAt() : OffsetDateTime.now(clock);
        return responses.persist(response)
                .call(saved -> outbox.publish(new SurveyResponded(saved.customerId, saved.surveyId, saved.surveyKind,
                        saved.id, Map.of("primary", saved.score.doubleValue()), saved.touchpoint, saved.caseId,
                        saved.comment, null, null)));
    }

    @WithSession
    public Uni<SurveyResponse> get(String surveyId, String responseId) {
        return responses.findById(responseId)
                .map(found -> found != null && found.surveyId.equals(surveyId) ? found : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("response", responseId));
    }
}
