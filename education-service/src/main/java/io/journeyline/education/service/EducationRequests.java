package io.journeyline.education.service;

import io.journeyline.contract.event.DeliveryRequested;
import io.journeyline.contract.event.EducationAssigned;
import io.journeyline.contract.event.EducationHeldOut;
import io.journeyline.contract.event.EducationRequested;
import io.journeyline.contract.vocabulary.Channel;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.assign.ContentChooser;
import io.journeyline.education.domain.assign.Holdout;
import io.journeyline.education.domain.catalog.ContentLevel;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.education.persistence.ContentRepository;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers journey-service's education requests, in the consumed batch's transaction, one assignment per request:
 * no consent for education on the channel → SUPPRESSED with the reason; in the hold-out for this rule
 * ({@link Holdout}) → HELD_OUT, {@code education.held-out}; else the content {@link ContentChooser} picks →
 * ASSIGNED with why, {@code education.assigned} and a {@code delivery.requested} on journey.outbound; nothing fits →
 * SUPPRESSED with what was looked for. Consent is the platform's {@link Consents}.
 */
@ApplicationScoped
public class EducationRequests {
    static final String PURPOSE = "education";

    private final AssignmentRepository assignments;
    private final ContentRepository contents;
    private final Consents consents;
    private final Outbox outbox;
    private final DropOuts dropOuts;
    private final EducationConfig config;
    private final Clock clock;

    public EducationRequests(AssignmentRepository assignments, ContentRepository contents, Consents consents,
                             Outbox outbox, DropOuts dropOuts, EducationConfig config, Clock clock) {
        this.assignments = assignments;
        this.contents = contents;
        this.consents = consents;
        this.outbox = outbox;
        this.dropOuts = dropOuts;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> onRequested(List<Delivery<EducationRequested>> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery<EducationRequested> delivery : deliveries) {
            chain = chain.chain(() -> assignments.ofIntervention(delivery.data().interventionId()).chain(existing ->
                    existing != null ? Uni.createFrom().voidItem() : answer(delivery)));
        }
        return chain;
    }

    private Uni<Void> answer(Delivery<EducationRequested> delivery) {
        EducationRequested request = delivery.data();
        Cause cause = Cause.of(delivery.event());
        String channel = config.defaultChannel();
        String language = config.defaultLanguage();
        String rule = request.ruleId() != null ? request.ruleId() : request.reason();
        Assignment assignment = new Assignment();
        assignment.id = UUID.nameUUIDFromBytes(("assignment|" + request.interventionId()).getBytes(StandardCharsets.UTF_8))
                .toString();
        assignment.customerId = request.customerId();
        assignment.reason = rule;
        assignment.interventionId = request.interventionId();
        assignment.painPointId = request.painPointId();
        assignment.ruleId = request.ruleId();
        assignment.topic = request.topic();
        assignment.channel = channel;
        assignment.language = language;
        assignment.assignedAt = OffsetDateTime.now(clock);
        return consents.said(request.customerId(), PURPOSE, channel).chain(said -> {
            boolean consented = said.orElse(config.consentedByDefault());
            if (!consented) {
                return decided(assignment, AssignmentStatus.SUPPRESSED,
                        "consent: the customer has not consented to education by " + channel);
            }
            if (Holdout.heldOut(request.customerId(), rule, config.holdoutShare())) {
                return decided(assignment, AssignmentStatus.HELD_OUT, "held out for " + rule + " (share "
                        + config.holdoutShare() + "), to measure education's effect")
                        .chain(() -> outbox.publish(new EducationHeldOut(assignment.customerId, assignment.id, rule,
                                assignment.painPointId, assignment.topic, assignment.interventionId), cause))
                        .replaceWithVoid();
            }
            return choose(request, channel, language).chain(choice -> {
                if (choice == null) {
                    return decided(assignment, AssignmentStatus.SUPPRESSED, "no content fits: topic " + request.topic()
                            + ", level " + level(request) + ", " + language + " on " + channel);
                }
                assignment.contentId = choice.content().id();
                assignment.level = choice.level().name();
                assignment.lastProgressAt = assignment.assignedAt;
                return decided(assignment, AssignmentStatus.ASSIGNED, choice.why())
                        .chain(() -> dropOuts.restart(assignment.id, assignment.assignedAt))
                        .chain(() -> outbox.publish(new EducationAssigned(assignment.customerId, assignment.id,
                                assignment.contentId, null, rule, assignment.painPointId, null, assignment.topic,
                                assignment.interventionId), cause))
                        .chain(() -> outbox.publish(new DeliveryRequested(assignment.customerId, assignment.id,
                                Vocabulary.parse(Channel.class, channel).orElse(Channel.APP), "education", null,
                                assignment.contentId, language, null), cause))
                        .replaceWithVoid();
            });
        });
    }

    private Uni<ContentChooser.Choice> choose(EducationRequested request, String channel, String language) {
        return contents.search(Map.of("topic", request.topic()), 200).chain(catalog -> assignments
                .ofCustomer(request.customerId()).map(past -> {
                    List<Assignment> completed = past.stream()
                            .filter(a -> a.status == AssignmentStatus.COMPLETED).toList();
                    Set<String> completedContent = completed.stream().map(a -> a.contentId)
                            .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
                    Set<ContentLevel> levelsOnTopic = completed.stream()
                            .filter(a -> request.topic().equals(a.topic) && a.level != null)
                            .map(a -> ContentLevel.valueOf(a.level)).collect(Collectors.toSet());
                    return ContentChooser.choose(new ContentChooser.Need(request.topic(), level(request), language,
                            channel), catalog, new ContentChooser.Past(completedContent, levelsOnTopic)).orElse(null);
                }));
    }

    private static ContentLevel level(EducationRequested request) {
        return request.level() == null ? ContentLevel.BASIC
                : Vocabulary.parse(ContentLevel.class, request.level()).orElse(ContentLevel.BASIC);
    }

    private Uni<Void> decided(Assignment assignment, AssignmentStatus status, String why) {
        assignment.status = status;
        assignment.why = why;
        return assignments.persist(assignment).replaceWithVoid();
    }
}
