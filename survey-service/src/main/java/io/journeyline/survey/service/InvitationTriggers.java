package io.journeyline.survey.service;

import io.journeyline.contract.event.CaseResolved;
import io.journeyline.contract.event.EducationCompleted;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.contract.event.SurveyRequested;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.survey.config.SurveysConfig;
import io.journeyline.survey.domain.invitations.Invitation;
import io.journeyline.survey.service.InvitationService.Request;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;

/**
 * What asks for an invitation, each in its consumed batch's transaction: journey-service's survey requests (the
 * survey configured for the kind), a resolved case (its follow-up survey, carrying the case id, whose answer closes or
 * reopens the case in feedback-service) and completed education (course feedback, when enabled). A request whose case
 * survey-service knows as another customer's is refused ({@link CaseReferences}: dead-lettered), so no follow-up of
 * one customer carries another's case.
 */
@ApplicationScoped
public class InvitationTriggers {
    private final InvitationService invitations;
    private final CaseReferences references;
    private final SurveysConfig config;

    public InvitationTriggers(InvitationService invitations, CaseReferences references, SurveysConfig config) {
        this.invitations = invitations;
        this.references = references;
        this.config = config;
    }

    public Uni<Void> onSurveyRequested(List<Delivery<SurveyRequested>> deliveries) {
        return each(deliveries, request -> new Request(request.customerId(),
                invitations.surveyFor(request.surveyKind()).orElse("(no survey for " + request.surveyKind() + ")"),
                config.defaultChannel(), null, Invitation.INTERVENTION, InvitationService.INTERVENTION_KEY + request.interventionId(),
                request.caseId(), request.touchpoint(), request.topic(), null));
    }

    public Uni<Void> onCaseResolved(List<Delivery<CaseResolved>> deliveries) {
        return InOrder.each(deliveries, delivery -> {
            CaseResolved resolved = delivery.data();
            // each resolution asks anew: a reopened case resolved again gets a new follow-up
            Request request = new Request(resolved.customerId(), config.followUpSurvey(), config.defaultChannel(), null,
                    Invitation.CASE_FOLLOW_UP, "case-follow-up:" + delivery.event().id(), resolved.caseId(), null, null,
                    null);
            return references.check(request.caseId(), request.customerId())
                    .chain(() -> invitations.invite(request, Cause.of(delivery.event())));
        });
    }

    public Uni<Void> onEducationCompleted(List<Delivery<EducationCompleted>> deliveries) {
        if (!config.courseFeedbackEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return each(deliveries, completed -> new Request(completed.customerId(), config.courseFeedbackSurvey(),
                config.defaultChannel(), null, Invitation.COURSE_FEEDBACK, "course-feedback:"
                + (completed.assignmentId() != null ? completed.assignmentId() : completed.customerId() + ":"
                + completed.contentId()), null, null, completed.topic(), null));
    }

    private <T extends JourneyEvent> Uni<Void> each(List<Delivery<T>> deliveries, Function<T, Request> request) {
        return InOrder.each(deliveries, delivery -> {
            Request asked = request.apply(delivery.data());
            return references.check(asked.caseId(), asked.customerId())
                    .chain(() -> invitations.invite(asked, Cause.of(delivery.event())));
        });
    }
}
