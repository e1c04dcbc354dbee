package io.journeyline.education.service;

import io.journeyline.contract.event.EducationHeldOut;
import io.journeyline.contract.event.EducationRequested;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.assign.ContentChooser;
import io.journeyline.education.domain.assign.Holdout;
import io.journeyline.education.domain.catalog.ContentLevel;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.education.persistence.ContentRepository;
import io.journeyline.education.persistence.LearnerRepository;
import io.journeyline.education.persistence.PathRepository;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ForeignReferenceException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers journey-service's education requests, in the consumed batch's transaction, one assignment per request,
 * for the customer as education-service knows them (stage, language, channel: {@link LearnerRepository}):
 * no consent for education on the channel → SUPPRESSED with the reason; else a learning path that answers the topic,
 * or the content {@link ContentChooser} picks — nothing fits → SUPPRESSED with what was looked for; in the hold-out for
 * this rule ({@link Holdout}, drawn among these eligible requests only) → HELD_OUT, {@code education.held-out}; else
 * ASSIGNED with why, {@code education.assigned} and a {@code delivery.requested} on journey.outbound ({@link Pushes}).
 * Consent is the platform's {@link Consents}.
 */
@ApplicationScoped
public class EducationRequests {
    static final String PURPOSE = "education";

    private final AssignmentRepository assignments;
    private final ContentRepository contents;
    private final PathRepository paths;
    private final LearnerRepository learners;
    private final AssignmentService assignmentService;
    private final Pushes pushes;
    private final Consents consents;
    private final Outbox outbox;
    private final DropOuts dropOuts;
    private final EducationConfig config;
    private final Clock clock;

    public EducationRequests(AssignmentRepository assignments, ContentRepository contents, PathRepository paths,
                             LearnerRepository learners, AssignmentService assignmentService, Pushes pushes,
                             Consents consents, Outbox outbox, DropOuts dropOuts, EducationConfig config, Clock clock) {
        this.assignments = assignments;
        this.contents = contents;
        this.paths = paths;
        this.learners = learners;
        this.assignmentService = assignmentService;
        this.pushes = pushes;
        this.consents = consents;
        this.outbox = outbox;
        this.dropOuts = dropOuts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * One assignment per request: a request answered before is skipped; one naming an intervention already answered
     * for another customer fails with {@link ForeignReferenceException}, so the pipeline dead-letters it alone.
     */
    public Uni<Void> onRequested(List<Delivery<EducationRequested>> deliveries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Delivery<EducationRequested> delivery : deliveries) {
            EducationRequested request = delivery.data();
            chain = chain.chain(() -> assignments.ofIntervention(request.interventionId()).chain(existing -> {
                if (existing == null) {
                    return answer(delivery);
                }
                if (!existing.customerId.equals(request.customerId())) {
                    return Uni.createFrom().failure(new ForeignReferenceException("interventionId",
                            request.interventionId()));
                }
                return Uni.createFrom().voidItem();
            }));
        }
        return chain;
    }

    private Uni<Void> answer(Delivery<EducationRequested> delivery) {
        EducationRequested request = delivery.data();
        Cause cause = Cause.of(delivery.event());
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
        assignment.assignedAt = OffsetDateTime.now(clock);
        return learners.find(request.customerId()).chain(learner -> {
            assignment.channel = learner.map(LearnerRepository.Learner::channel).orElse(config.defaultChannel());
            assignment.language = learner.map(LearnerRepository.Learner::language).orElse(config.defaultLanguage());
            assignment.stage = learner.map(LearnerRepository.Learner::stage).orElse(null);
            return consents.said(request.customerId(), PURPOSE, assignment.channel);
        }).chain(said -> {
            if (!said.orElse(config.consentedByDefault())) {
                return decided(assignment, AssignmentStatus.SUPPRESSED,
                        "consent: the customer has not consented to education by " + assignment.channel);
            }
            ContentChooser.Need need = new ContentChooser.Need(request.topic(), level(request), assignment.language,
                    config.defaultLanguage(), assignment.channel, assignment.stage);
            return past(request).chain(past -> paths.about(request.topic()).chain(candidates -> {
                var path = ContentChooser.choosePath(need, candidates, past);
                if (path.isPresent()) {
                    assignment.pathId = path.get().path().id();
                    assignment.language = path.get().language();
                    return heldOut(assignment, rule, cause).chain(held -> {
                        if (held) {
                            return Uni.createFrom().voidItem();
                        }
                        assignment.status = AssignmentStatus.ASSIGNED;
                        assignment.why = path.get().why();
                        assignment.lastProgressAt = assignment.assignedAt;
                        return assignmentService.assignPath(assignment, cause).replaceWithVoid();
                    });
                }
                return contents.search(Map.of("topic", request.topic()), 200).chain(catalog -> {
                    var choice = ContentChooser.choose(need, catalog, past);
                    if (choice.isEmpty()) {
                        return decided(assignment, AssignmentStatus.SUPPRESSED, "no content fits: topic "
                                + request.topic() + ", level " + level(request) + ", " + assignment.language + " on "
                                + assignment.channel);
                    }
                    assignment.contentId = choice.get().content().id();
                    assignment.level = choice.get().level().name();
                    assignment.language = choice.get().language();
                    return heldOut(assignment, rule, cause).chain(held -> {
                        if (held) {
                            return Uni.createFrom().voidItem();
                        }
                        assignment.lastProgressAt = assignment.assignedAt;
                        return decided(assignment, AssignmentStatus.ASSIGNED, choice.get().why())
                                .chain(() -> dropOuts.restart(assignment.id, assignment.assignedAt))
                                .chain(() -> outbox.publish(AssignmentService.assigned(assignment), cause))
                                .chain(() -> pushes.deliver(assignment, cause));
                    });
                });
            }));
        });
    }

    /**
     * The hold-out, drawn only among eligible requests — consented, and with content to give — so both arms are
     * alike: a held-out decision keeps the content the customer would have got (for comparisons by content) but
     * delivers nothing, and publishes {@code education.held-out}. True when held out.
     */
    private Uni<Boolean> heldOut(Assignment assignment, String rule, Cause cause) {
        if (!Holdout.heldOut(assignment.customerId, rule, config.holdoutShare())) {
            return Uni.createFrom().item(false);
        }
        return decided(assignment, AssignmentStatus.HELD_OUT, "held out for " + rule + " (share " + config.holdoutShare()
                + "), to measure education's effect; would have got "
                + (assignment.pathId != null ? "path " + assignment.pathId : assignment.contentId))
                .chain(() -> outbox.publish(new EducationHeldOut(assignment.customerId, assignment.id, rule,
                        assignment.painPointId, assignment.topic, assignment.interventionId), cause))
                .replaceWith(true);
    }

    /** What the customer completed before: content, paths, and the levels completed on the request's topic. */
    private Uni<ContentChooser.Past> past(EducationRequested request) {
        return assignments.ofCustomer(request.customerId()).map(all -> {
            List<Assignment> completed = all.stream().filter(a -> a.status == AssignmentStatus.COMPLETED).toList();
            return new ContentChooser.Past(
                    completed.stream().map(a -> a.contentId).filter(Objects::nonNull).collect(Collectors.toSet()),
                    completed.stream().filter(a -> request.topic().equals(a.topic) && a.level != null)
                            .map(a -> ContentLevel.valueOf(a.level)).collect(Collectors.toSet()),
                    completed.stream().map(a -> a.pathId).filter(Objects::nonNull).collect(Collectors.toSet()));
        });
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
