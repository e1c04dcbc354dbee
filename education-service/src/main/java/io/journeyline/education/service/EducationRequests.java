package io.journeyline.education.service;

import io.journeyline.contract.event.EducationHeldOut;
import io.journeyline.contract.event.EducationRequested;
import io.journeyline.contract.vocabulary.Vocabulary;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.assign.ContentChooser;
import io.journeyline.education.domain.assign.Holdout;
import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.ContentLevel;
import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.education.persistence.ContentRepository;
import io.journeyline.education.persistence.LearnerRepository;
import io.journeyline.education.persistence.PathRepository;
import io.journeyline.platform.consent.Consents;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ForeignReferenceException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
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
     * for another customer fails with {@link ForeignReferenceException}, so the pipeline dead-letters it alone. What
     * the answers read is read once for the batch ({@link BatchView}): the requests' earlier answers, the customers as
     * education-service knows them, their consent, what they completed, and the catalog per topic.
     */
    public Uni<Void> onRequested(List<Delivery<EducationRequested>> deliveries) {
        Set<String> customers = deliveries.stream().map(delivery -> delivery.data().customerId()).collect(Collectors.toSet());
        Set<String> interventions = deliveries.stream().map(delivery -> delivery.data().interventionId())
                .collect(Collectors.toSet());
        return assignments.ofInterventions(interventions).chain(answered -> learners.findAll(customers)
                .chain(known -> consents.ofAll(customers, PURPOSE)
                        .chain(said -> assignments.ofCustomers(customers)
                                .map(before -> new BatchView(answered, known, said, before)))))
                .chain(view -> InOrder.each(deliveries, delivery -> answerOnce(delivery, view)));
    }

    private Uni<Void> answerOnce(Delivery<EducationRequested> delivery, BatchView view) {
        EducationRequested request = delivery.data();
        String answeredFor = view.answeredFor(request.interventionId());
        if (answeredFor == null) {
            view.answered().put(request.interventionId(), request.customerId());
            return answer(delivery, view);
        }
        if (!answeredFor.equals(request.customerId())) {
            return Uni.createFrom().failure(new ForeignReferenceException("interventionId", request.interventionId()));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * What a batch of requests reads, read once: nothing an answer writes changes it for a later request of the same
     * batch (answers add no learner, consent, catalog or completed assignment) except which interventions are answered,
     * which {@link #answered} keeps up to date.
     */
    private record BatchView(Map<String, String> answered, Map<String, LearnerRepository.Learner> learners,
                             Map<String, Map<String, Boolean>> consents, Map<String, List<Assignment>> assignments,
                             Map<String, List<LearningPath>> paths, Map<String, List<Content>> contents) {
        BatchView(Map<String, Assignment> answered, Map<String, LearnerRepository.Learner> learners,
                  Map<String, Map<String, Boolean>> consents, Map<String, List<Assignment>> assignments) {
            this(answered.values().stream().collect(Collectors.toMap(a -> a.interventionId, a -> a.customerId,
                    (a, b) -> a, HashMap::new)), learners, consents, assignments, new HashMap<>(), new HashMap<>());
        }

        /** The customer the intervention was answered for, or null. */
        String answeredFor(String interventionId) {
            return answered.get(interventionId);
        }
    }

    private Uni<List<LearningPath>> pathsAbout(String topic, BatchView view) {
        List<LearningPath> known = view.paths().get(topic);
        return known != null ? Uni.createFrom().item(known)
                : paths.about(topic).invoke(found -> view.paths().put(topic, found));
    }

    private Uni<List<Content>> contentsAbout(String topic, BatchView view) {
        List<Content> known = view.contents().get(topic);
        return known != null ? Uni.createFrom().item(known)
                : contents.search(Map.of("topic", topic), 200).invoke(found -> view.contents().put(topic, found));
    }

    private Uni<Void> answer(Delivery<EducationRequested> delivery, BatchView view) {
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
        Optional<LearnerRepository.Learner> learner = Optional.ofNullable(view.learners().get(request.customerId()));
        assignment.channel = learner.map(LearnerRepository.Learner::channel).orElse(config.defaultChannel());
        assignment.language = learner.map(LearnerRepository.Learner::language).orElse(config.defaultLanguage());
        assignment.stage = learner.map(LearnerRepository.Learner::stage).orElse(null);
        Optional<Boolean> said = Consents.said(view.consents().getOrDefault(request.customerId(), Map.of()),
                assignment.channel);
        if (!said.orElse(config.consentedByDefault())) {
            return decided(assignment, AssignmentStatus.SUPPRESSED,
                    "consent: the customer has not consented to education by " + assignment.channel);
        }
        ContentChooser.Need need = new ContentChooser.Need(request.topic(), level(request), assignment.language,
                config.defaultLanguage(), assignment.channel, assignment.stage);
        ContentChooser.Past past = past(request, view.assignments().getOrDefault(request.customerId(), List.of()));
        return pathsAbout(request.topic(), view).chain(candidates -> {
            var path = ContentChooser.choosePath(need, candidates, past);
            if (path.isPresent()) {
                assignment.pathId = path.get().path().id();
                assignment.language = path.get().language();
                return unlessHeldOut(assignment, rule, cause, () -> {
                    assignment.status = AssignmentStatus.ASSIGNED;
                    assignment.why = path.get().why();
                    assignment.lastProgressAt = assignment.assignedAt;
                    return assignmentService.assignPath(assignment, cause).replaceWithVoid();
                });
            }
            return contentsAbout(request.topic(), view).chain(catalog -> {
                var choice = ContentChooser.choose(need, catalog, past);
                if (choice.isEmpty()) {
                    return decided(assignment, AssignmentStatus.SUPPRESSED, "no content fits: topic "
                            + request.topic() + ", level " + level(request) + ", " + assignment.language + " on "
                            + assignment.channel);
                }
                assignment.contentId = choice.get().content().id();
                assignment.level = choice.get().level().name();
                assignment.language = choice.get().language();
                return unlessHeldOut(assignment, rule, cause, () -> {
                    assignment.lastProgressAt = assignment.assignedAt;
                    return decided(assignment, AssignmentStatus.ASSIGNED, choice.get().why())
                            .chain(() -> dropOuts.restart(assignment.id, assignment.assignedAt))
                            .chain(() -> outbox.publish(AssignmentService.assigned(assignment), cause))
                            .chain(() -> pushes.deliver(assignment, cause));
                });
            });
        });
    }

    /** {@code assign} unless the hold-out takes this assignment (then it is recorded as held out and nothing is sent). */
    private Uni<Void> unlessHeldOut(Assignment assignment, String rule, Cause cause, Supplier<Uni<Void>> assign) {
        return heldOut(assignment, rule, cause).chain(held -> held ? Uni.createFrom().voidItem() : assign.get());
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

    /** What the customer completed before (of {@code all} their assignments): content, paths, levels on the topic. */
    private static ContentChooser.Past past(EducationRequested request, List<Assignment> all) {
        List<Assignment> completed = all.stream().filter(a -> a.status == AssignmentStatus.COMPLETED).toList();
        return new ContentChooser.Past(
                completed.stream().map(a -> a.contentId).filter(Objects::nonNull).collect(Collectors.toSet()),
                completed.stream().filter(a -> request.topic() != null && request.topic().equals(a.topic) && a.level != null)
                        .map(a -> ContentLevel.valueOf(a.level)).collect(Collectors.toSet()),
                completed.stream().map(a -> a.pathId).filter(Objects::nonNull).collect(Collectors.toSet()));
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
