package io.journeyline.survey.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.survey.domain.SurveyResponse;
import io.journeyline.survey.domain.answers.AnswerSheet;
import io.journeyline.survey.domain.invitations.Invitation;
import io.journeyline.survey.domain.invitations.Tokens;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.persistence.InvitationRepository;
import io.journeyline.survey.persistence.SurveyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Customers answering through their invitation's link, no login: the token opens the survey version they were
 * invited to, in their language; answers save partially and complete once. Unknown token 404, expired 410, a second
 * completion 409; every bad answer named in a 400. Completion stores the response and publishes
 * {@code survey.responded} through {@link SurveyResponseService}.
 */
@ApplicationScoped
public class AnswerService {
    private final InvitationRepository invitations;
    private final SurveyRepository surveys;
    private final SurveyResponseService responses;
    private final Clock clock;

    public AnswerService(InvitationRepository invitations, SurveyRepository surveys, SurveyResponseService responses,
                         Clock clock) {
        this.invitations = invitations;
        this.surveys = surveys;
        this.responses = responses;
        this.clock = clock;
    }

    /** The invitation a token opens, with the survey version it was invited to and the answers saved so far. */
    public record Opened(Invitation invitation, SurveyDefinition survey, ObjectNode answers) {
    }

    @WithSession
    public Uni<Opened> open(String token) {
        return usable(token, false);
    }

    /** Saves answers; with {@code complete} the sheet must be whole, and the invitation is done. */
    @WithTransaction
    public Uni<Opened> answer(String token, JsonNode answers, boolean complete) {
        return usable(token, true).chain(opened -> {
            List<AnswerSheet.Problem> problems = AnswerSheet.check(opened.survey(), answers);
            if (!problems.isEmpty()) {
                return Uni.createFrom().failure(invalid(problems));
            }
            ObjectNode merged = AnswerSheet.merge(opened.answers(), answers);
            if (!complete) {
                return invitations.saveAnswers(opened.invitation().id(), merged.toString())
                        .replaceWith(new Opened(opened.invitation(), opened.survey(), merged));
            }
            List<AnswerSheet.Problem> missing = AnswerSheet.missing(opened.survey(), merged);
            if (!missing.isEmpty()) {
                return Uni.createFrom().failure(invalid(missing));
            }
            return complete(opened, merged);
        });
    }

    private Uni<Opened> complete(Opened opened, ObjectNode answers) {
        Invitation invitation = opened.invitation();
        SurveyDefinition survey = opened.survey();
        AnswerSheet.Scored scored = AnswerSheet.score(survey, answers);
        OffsetDateTime now = OffsetDateTime.now(clock);
        SurveyResponse response = new SurveyResponse();
        response.id = UUID.randomUUID().toString();
        response.surveyId = invitation.surveyId();
        response.surveyVersion = invitation.surveyVersion();
        response.surveyKind = SurveyKind.valueOf(invitation.surveyKind());
        response.customerId = invitation.customerId();
        response.score = BigDecimal.valueOf(scored.headline());
        response.touchpoint = invitation.touchpoint();
        response.caseId = invitation.caseId();
        response.topic = invitation.topic();
        response.comment = scored.comment();
        response.invitationId = invitation.id();
        response.channel = invitation.channel();
        response.language = invitation.language();
        response.segment = invitation.segment();
        response.answers = answers.toString();
        response.respondedAt = now;
        return responses.store(response, scored)
                .call(saved -> invitations.complete(invitation.id(), answers.toString(), saved.id, now))
                .replaceWith(new Opened(completed(invitation), survey, answers));
    }

    private static Invitation completed(Invitation i) {
        return new Invitation(i.id(), i.customerId(), i.surveyId(), i.surveyVersion(), i.surveyKind(), i.channel(),
                i.language(), i.reason(), i.sourceKey(), i.caseId(), i.touchpoint(), i.topic(), Invitation.COMPLETED,
                i.suppressedBy(), i.suppressionReason(), i.answers(), i.responseId(), i.createdAt(), i.expiresAt(),
                i.completedAt(), i.segment());
    }

    private Uni<Opened> usable(String token, boolean lock) {
        return invitations.byTokenHash(Tokens.hash(token), lock).chain(found -> {
            Invitation invitation = found.orElseThrow(() -> ProblemException.notFound("invitation", "(this link)"));
            if (Invitation.COMPLETED.equals(invitation.status())) {
                return Uni.createFrom().failure(ProblemException.conflict("this survey was already completed"));
            }
            if (!invitation.expiresAt().isAfter(OffsetDateTime.now(clock))) {
                return Uni.createFrom().failure(ProblemException.gone("this invitation expired at "
                        + invitation.expiresAt()));
            }
            return surveys.find(invitation.surveyId(), invitation.surveyVersion(), false).map(survey -> new Opened(
                    invitation, survey.orElseThrow().definition(), saved(invitation.answers())));
        });
    }

    private static ObjectNode saved(String answers) {
        try {
            return answers == null ? EventJson.mapper().createObjectNode()
                    : (ObjectNode) EventJson.mapper().readTree(answers);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException invalid(List<AnswerSheet.Problem> problems) {
        return ProblemException.badRequest("invalid answers", problems.stream()
                .map(p -> Problem.FieldError.of(p.field(), p.message())).toList());
    }
}
