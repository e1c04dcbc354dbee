package io.journeyline.survey.service;

import io.journeyline.contract.event.SurveyResponded;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.sentiment.Sentiment;
import io.journeyline.sentiment.SentimentAnalyzer;
import io.journeyline.survey.domain.NewResponse;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.domain.answers.AnswerSheet;
import io.journeyline.survey.domain.scoring.RatingScale;
import io.journeyline.survey.persistence.SurveyResponseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Completed responses — collected elsewhere and recorded as they are, or answered through an invitation — stored
 * with their comment's sentiment and rating items, and published as {@code survey.responded}, all in one transaction.
 */
@ApplicationScoped
public class SurveyResponseService {
    private final SurveyResponseRepository responses;
    private final CaseReferences references;
    private final Outbox outbox;
    private final Clock clock;

    public SurveyResponseService(SurveyResponseRepository responses, CaseReferences references, Outbox outbox,
                                 Clock clock) {
        this.responses = responses;
        this.references = references;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * An answer collected by another system: the headline score only, checked against the kind's scale; a
     * {@code caseId} survey-service knows as another customer's case is a 409 naming it (its answer would close or
     * reopen that customer's case).
     */
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
        response.segment = request.segment();
        response.respondedAt = request.respondedAt() != null ? request.respondedAt() : OffsetDateTime.now(clock);
        double score = request.score().doubleValue();
        return references.check(request.caseId(), request.customerId()).chain(() -> store(response,
                new AnswerSheet.Scored(score, Map.of("primary", score), null, null, request.comment(), List.of())));
    }

    /**
     * Stores a completed response (its comment scored for sentiment) and its rating items, and publishes
     * {@code survey.responded} with the time the customer answered; in the caller's transaction.
     */
    public Uni<SurveyResponse> store(SurveyResponse response, AnswerSheet.Scored scored) {
        Sentiment sentiment = SentimentAnalyzer.shared().analyze(response.comment);
        response.sentiment = sentiment == Sentiment.NONE ? null : sentiment.score();
        // flushed first: the items are inserted by SQL and refer to the response
        return responses.persistAndFlush(response)
                .call(saved -> responses.addItems(saved, scored.items()))
                .call(saved -> outbox.publishOccurred(new SurveyResponded(saved.customerId, saved.surveyId, saved.surveyKind,
                        saved.id, scored.scores(), saved.touchpoint, saved.caseId, saved.comment, saved.sentiment,
                        empty(scored.themeScores()), empty(scored.dimensionScores()), saved.topic, saved.invitationId,
                        saved.surveyVersion), saved.respondedAt));
    }

    @WithSession
    public Uni<SurveyResponse> get(String surveyId, String responseId) {
        return responses.findById(responseId)
                .map(found -> found != null && found.surveyId.equals(surveyId) ? found : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("response", responseId));
    }

    /**
     * A page of a survey's responses (one customer's, when {@code customerId} is given), newest first after
     * {@code after}; {@code limit} rows at most. A 404 for a survey that is neither defined nor has a response recorded.
     */
    @WithSession
    public Uni<List<SurveyResponse>> ofSurvey(String surveyId, String customerId, KeysetCursor after, int limit) {
        return responses.newestFirst(new SurveyResponseRepository.Filter(surveyId, customerId), after, limit)
                .call(page -> page.isEmpty() ? responses.surveyKnown(surveyId).invoke(known -> {
                    if (!known) {
                        throw ProblemException.notFound("survey", surveyId);
                    }
                }) : Uni.createFrom().voidItem());
    }

    /** A page of a customer's responses to every survey, newest first after {@code after}; {@code limit} rows at most. */
    @WithSession
    public Uni<List<SurveyResponse>> ofCustomer(String customerId, KeysetCursor after, int limit) {
        return responses.newestFirst(new SurveyResponseRepository.Filter(null, customerId), after, limit);
    }

    private static Map<String, Double> empty(Map<String, Double> scores) {
        return scores == null || scores.isEmpty() ? null : scores;
    }
}
