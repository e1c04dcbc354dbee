package io.journeyline.survey.service;

import io.journeyline.contract.event.DeliveryRequested;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.contract.event.SurveyInvited;
import io.journeyline.contract.event.SurveySuppressed;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.paging.KeysetCursor;
import io.journeyline.survey.config.SurveysConfig;
import io.journeyline.survey.domain.invitations.FatigueGuards;
import io.journeyline.survey.domain.invitations.FatigueGuards.Decision;
import io.journeyline.survey.domain.invitations.Invitation;
import io.journeyline.survey.domain.invitations.Tokens;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.persistence.ContactStateRepository;
import io.journeyline.survey.persistence.InvitationRepository;
import io.journeyline.survey.persistence.SurveyRepository;
import io.journeyline.survey.persistence.SurveyRepository.StoredSurvey;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Invites customers to surveys, in the caller's transaction (a consumed batch's, or a wave's request): finds the
 * survey's current version, asks {@link FatigueGuards}, and stores the decision — sent or suppressed with its reason.
 * A sent invitation gets a fresh single-use token and publishes {@code delivery.requested} on {@code journey.outbound}
 * (the link carries the token) and {@code survey.invited} on {@code journey.feedback} (never the token). The same
 * request twice (its source key) is one invitation.
 */
@ApplicationScoped
public class InvitationService {
    /** The source key of an invitation journey-service asked for: this prefix and the intervention's id. */
    static final String INTERVENTION_KEY = "intervention:";
    /** The purpose surveys are consented to under (journey-service's vocabulary). */
    static final String SURVEY_PURPOSE = "survey";
    /** The guard recorded when the asked-for survey does not exist. */
    static final String NO_SURVEY = "no-survey";

    private final InvitationRepository invitations;
    private final SurveyRepository surveys;
    private final ContactStateRepository contacts;
    private final Consents consents;
    private final Outbox outbox;
    private final SurveysConfig config;
    private final FatigueGuards.Settings settings;
    private final Clock clock;

    public InvitationService(InvitationRepository invitations, SurveyRepository surveys, ContactStateRepository contacts,
                             Consents consents, Outbox outbox, SurveysConfig config, Clock clock) {
        this.invitations = invitations;
        this.surveys = surveys;
        this.contacts = contacts;
        this.consents = consents;
        this.outbox = outbox;
        this.config = config;
        this.settings = new FatigueGuards.Settings(config.minSpacing(), config.consentedByDefault());
        this.clock = clock;
    }

    /**
     * An invitation to ask for.
     *
     * @param sourceKey what asked for it, unique per request ({@code intervention:<id>}, {@code case-follow-up:<event>})
     * @param language  null for the survey's default
     * @param caseId    the case this invitation follows up (exempt from all guards but consent), or null
     */
    public record Request(String customerId, String surveyId, String channel, String language, String reason,
                          String sourceKey, String caseId, String touchpoint, String topic, String segment) {
    }

    /** Decides, stores and (when sent) publishes; {@code cause} is the consumed event, null for an API call. */
    public Uni<Invitation> invite(Request request, Cause cause) {
        return surveys.find(request.surveyId(), null, false).chain(survey -> survey.isEmpty()
                ? store(request, null, new Decision(null, null), NO_SURVEY, cause)
                : decide(request, survey.get()).chain(decision -> store(request, survey.get(), decision, null, cause)));
    }

    /** The survey journey-service's request of this kind is answered with; empty for CUSTOM (no default). */
    public Optional<String> surveyFor(SurveyKind kind) {
        return switch (kind) {
            case NPS -> Optional.of(config.surveyForNps());
            case CSAT -> Optional.of(config.surveyForCsat());
            case CES -> Optional.of(config.surveyForCes());
            case CUSTOM -> Optional.empty();
        };
    }

    /** A page of the customer's invitations, newest first after {@code after}; {@code limit} rows at most. */
    @WithSession
    public Uni<List<Invitation>> ofCustomer(String customerId, KeysetCursor after, int limit) {
        return invitations.ofCustomer(customerId, after, limit);
    }

    private Uni<Decision> decide(Request request, StoredSurvey survey) {
        SurveyDefinition definition = survey.definition();
        Duration recontact = definition.recontactDays() != null ? Duration.ofDays(definition.recontactDays())
                : config.defaultRecontact();
        return consents.of(request.customerId(), SURVEY_PURPOSE).chain(said -> contacts.openCases(request.customerId())
                .chain(openCases -> invitations.lastInvited(request.customerId(), request.surveyId())
                        .map(last -> FatigueGuards.decide(settings, new FatigueGuards.Facts(
                                        Optional.ofNullable(said.get(request.channel())),
                                        Optional.ofNullable(said.get(Consents.ANY)), openCases, last.any(),
                                        last.thisSurvey()), request.channel(), request.caseId(), recontact,
                                OffsetDateTime.now(clock)))));
    }

    private Uni<Invitation> store(Request request, StoredSurvey survey, Decision decision, String missingGuard,
                                  Cause cause) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean send = survey != null && decision.allowed();
        String guard = survey == null ? missingGuard : decision.allowed() ? null : decision.guard().wire();
        String why = survey == null ? "no survey '" + request.surveyId() + "' is defined" : decision.reason();
        String language = request.language() != null ? request.language()
                : survey != null ? survey.definition().defaultLanguage() : null;
        String id = UUID.nameUUIDFromBytes(("invitation|" + request.sourceKey()).getBytes(StandardCharsets.UTF_8)).toString();
        Invitation invitation = new Invitation(id, request.customerId(), request.surveyId(),
                survey == null ? null : survey.version(), survey == null ? null : survey.definition().kind().name(),
                request.channel(), language, request.reason(), request.sourceKey(), request.caseId(), request.touchpoint(),
                request.topic(), send ? Invitation.SENT : Invitation.SUPPRESSED, guard, why, null, null, now,
                send ? now.plus(config.invitationTtl()) : null, null, request.segment());
        String token = send ? Tokens.newToken() : null;
        return invitations.insertIfNew(invitation, token == null ? null : Tokens.hash(token)).chain(inserted -> {
            if (!inserted) {
                return Uni.createFrom().item(invitation);
            }
            String interventionId = request.sourceKey().startsWith(INTERVENTION_KEY)
                    ? request.sourceKey().substring(INTERVENTION_KEY.length()) : null;
            if (!send) {
                SurveySuppressed suppressed = new SurveySuppressed(invitation.customerId(), invitation.id(),
                        invitation.surveyId(), invitation.reason(), guard, why, invitation.caseId(), interventionId);
                return (cause == null ? outbox.publish(suppressed) : outbox.publish(suppressed, cause)).replaceWith(invitation);
            }
            Channel channel = Vocabulary.parse(Channel.class, invitation.channel()).orElse(Channel.OTHER);
            List<JourneyEvent> events = List.of(
                    new DeliveryRequested(invitation.customerId(), invitation.id(), channel, "survey-invitation",
                            config.publicBaseUrl() + "/api/v1/responses/" + token, null, language, invitation.expiresAt()),
                    new SurveyInvited(invitation.customerId(), invitation.id(), invitation.surveyId(),
                            survey.definition().kind(), channel, invitation.reason(), invitation.caseId(),
                            invitation.expiresAt(), interventionId));
            return InOrder.each(events, event -> cause == null ? outbox.publish(event) : outbox.publish(event, cause))
                    .replaceWith(invitation);
        });
    }
}
