package io.journeyline.survey.service;

import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.survey.config.SurveysConfig;
import io.journeyline.survey.domain.invitations.Invitation;
import io.journeyline.survey.persistence.SurveyRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Relational waves: a list of customers invited to one survey in one transaction, each through the guards. */
@ApplicationScoped
public class WaveService {
    private final InvitationService invitations;
    private final SurveyRepository surveys;
    private final SurveysConfig config;

    public WaveService(InvitationService invitations, SurveyRepository surveys, SurveysConfig config) {
        this.invitations = invitations;
        this.surveys = surveys;
        this.config = config;
    }

    /**
     * A wave to send: who (with the language to ask each in, null for the survey's default, and their segment for the
     * results' breakdown), how, under which id.
     */
    public record Wave(List<Invitee> customers, String channel, String waveId) {
    }

    public record Invitee(String customerId, String language, String segment) {
    }

    public record Result(String waveId, List<Invitation> invitations) {
    }

    @WithTransaction
    public Uni<Result> send(String surveyId, Wave request) {
        String waveId = request.waveId() != null ? request.waveId() : UUID.randomUUID().toString();
        String channel = request.channel() != null ? request.channel() : config.defaultChannel();
        return surveys.find(surveyId, null, false).chain(survey -> {
            if (survey.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("survey", surveyId));
            }
            List<Invitation> made = new ArrayList<>();
            return InOrder.each(request.customers(), customer -> invitations.invite(new InvitationService.Request(
                            customer.customerId(), surveyId, channel, customer.language(), Invitation.WAVE,
                            "wave:" + waveId + ":" + customer.customerId(), null, null, null, customer.segment()), null)
                    .invoke(made::add))
                    .replaceWith(() -> new Result(waveId, made));
        });
    }
}
