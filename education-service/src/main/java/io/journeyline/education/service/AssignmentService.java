package io.journeyline.education.service;

import io.journeyline.contract.event.EducationAssigned;
import io.journeyline.contract.event.EducationCompleted;
import io.journeyline.contract.event.EducationStarted;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.NewAssignment;
import io.journeyline.education.domain.Progress;
import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.education.persistence.ContentRepository;
import io.journeyline.education.persistence.LearnerRepository;
import io.journeyline.education.persistence.PathRepository;
import io.journeyline.education.persistence.PathUnitRepository;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Assigns education and tracks progress; every change publishes its education event in the same transaction.
 * Content goes to the customer at once ({@link Pushes}); a learning path starts with the units it unlocks
 * ({@link PathProgression}), and its progress is reported unit by unit.
 */
@ApplicationScoped
public class AssignmentService {
    private final AssignmentRepository assignments;
    private final ContentRepository contents;
    private final PathRepository paths;
    private final PathService pathService;
    private final PathUnitRepository units;
    private final LearnerRepository learners;
    private final PathProgression progression;
    private final Pushes pushes;
    private final Outbox outbox;
    private final DropOuts dropOuts;
    private final EducationConfig config;
    private final Clock clock;

    public AssignmentService(AssignmentRepository assignments, ContentRepository contents, PathRepository paths,
                             PathService pathService, PathUnitRepository units, LearnerRepository learners,
                             PathProgression progression, Pushes pushes, Outbox outbox, DropOuts dropOuts,
                             EducationConfig config, Clock clock) {
        this.assignments = assignments;
        this.contents = contents;
        this.paths = paths;
        this.pathService = pathService;
        this.units = units;
        this.learners = learners;
        this.progression = progression;
        this.pushes = pushes;
        this.outbox = outbox;
        this.dropOuts = dropOuts;
        this.config = config;
        this.clock = clock;
    }

    /** An agent assigns content or a path: it must exist (400 naming the field otherwise), and goes out at once. */
    @WithTransaction
    public Uni<Assignment> assign(NewAssignment request) {
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID().toString();
        assignment.customerId = request.customerId();
        assignment.contentId = request.contentId();
        assignment.pathId = request.pathId();
        assignment.reason = request.reason();
        assignment.status = AssignmentStatus.ASSIGNED;
        assignment.assignedAt = OffsetDateTime.now(clock);
        assignment.lastProgressAt = assignment.assignedAt;
        return learners.find(request.customerId()).chain(learner -> {
            assignment.language = learner.map(LearnerRepository.Learner::language).orElse(config.defaultLanguage());
            assignment.channel = learner.map(LearnerRepository.Learner::channel).orElse(config.defaultChannel());
            assignment.stage = learner.map(LearnerRepository.Learner::stage).orElse(null);
            assignment.why = "assigned by an agent";
            return request.pathId() != null ? assignPath(assignment, null) : assignContent(assignment);
        });
    }

    private Uni<Assignment> assignContent(Assignment assignment) {
        return contents.find(assignment.contentId, false).chain(content -> {
            if (content.isEmpty()) {
                throw unknown("contentId", "no content '" + assignment.contentId + "' in the catalog");
            }
            assignment.level = content.get().level();
            return assignments.persist(assignment)
                    .call(saved -> dropOuts.restart(saved.id, saved.assignedAt))
                    .call(saved -> outbox.publish(assigned(saved)))
                    .call(saved -> pushes.deliver(saved, null));
        });
    }

    /**
     * Puts the customer on the path (at its current version): the assignment, {@code education.assigned}, and the
     * units it starts with. Shared with {@link EducationRequests}, which passes the request as the cause.
     */
    Uni<Assignment> assignPath(Assignment assignment, Cause cause) {
        return paths.find(assignment.pathId, false).chain(found -> {
            LearningPath path = found.orElseThrow(() -> unknown("pathId", "no learning path '" + assignment.pathId + "'"));
            assignment.pathVersion = path.version();
            return pathService.kinds(path.units()).chain(kinds -> assignments.persistAndFlush(assignment)
                    .call(saved -> dropOuts.restart(saved.id, saved.assignedAt))
                    .call(saved -> cause == null ? outbox.publish(assigned(saved)) : outbox.publish(assigned(saved), cause))
                    .call(saved -> progression.start(saved, path, kinds, cause)));
        });
    }

    /**
     * Applies a progress report: its per cent and time move the drop-out clock; a new status publishes its event
     * (repeating the current one publishes nothing); going backwards (COMPLETED → STARTED) or reporting on a held-out
     * or suppressed decision is a conflict. A dropped-out customer who reports again is back. On a learning path the
     * report names a unit, and the path is COMPLETED when its last unit is.
     */
    @WithTransaction
    public Uni<Assignment> reportProgress(String id, Progress report) {
        return assignments.lock(id).onItem().ifNull().failWith(() -> ProblemException.notFound("assignment", id))
                .call(assignment -> {
                    boolean reportable = report.status() == AssignmentStatus.STARTED
                            || report.status() == AssignmentStatus.COMPLETED;
                    if (!reportable || !assignment.status.canMoveTo(report.status())) {
                        throw ProblemException.conflict("assignment " + id + " is " + assignment.status
                                + " and cannot move to " + report.status());
                    }
                    if (assignment.pathId == null) {
                        if (report.contentId() != null && !report.contentId().equals(assignment.contentId)) {
                            throw unknown("contentId", "assignment " + id + " is of content '" + assignment.contentId + "'");
                        }
                        return apply(assignment, report.status(), report.percent(), report);
                    }
                    if (report.contentId() == null) {
                        if (report.status() == AssignmentStatus.COMPLETED) {
                            throw unknown("contentId", "a learning path is completed unit by unit: name the unit");
                        }
                        return apply(assignment, AssignmentStatus.STARTED, null, report);
                    }
                    return progression.report(assignment, report.contentId(), report.status()).chain(path ->
                            apply(assignment, path.done() ? AssignmentStatus.COMPLETED : AssignmentStatus.STARTED,
                                    path.percent(), report));
                });
    }

    private Uni<Void> apply(Assignment assignment, AssignmentStatus next, Integer percent, Progress report) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        boolean changed = next != assignment.status && assignment.status.canMoveTo(next);
        assignment.lastProgressAt = now;
        if (percent != null) {
            assignment.progressPercent = percent;
        }
        if (changed) {
            assignment.status = next;
            if (next == AssignmentStatus.STARTED) {
                assignment.startedAt = assignment.startedAt != null ? assignment.startedAt : now;
            } else {
                assignment.completedAt = now;
                assignment.score = report.score();
                assignment.progressPercent = 100;
            }
        }
        Uni<Void> clock = assignment.status == AssignmentStatus.COMPLETED ? dropOuts.stop(assignment.id)
                : dropOuts.restart(assignment.id, now);
        return changed ? clock.chain(() -> outbox.publish(eventOf(assignment))).replaceWithVoid() : clock;
    }

    @WithSession
    public Uni<Assignment> get(String id) {
        return assignments.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("assignment", id));
    }

    /** A path assignment's units and where the customer is with each (empty for single content). */
    @WithSession
    public Uni<List<PathUnitRepository.Unit>> unitsOf(String id) {
        return units.of(id);
    }

    @WithSession
    public Uni<List<Assignment>> ofCustomer(String customerId) {
        return assignments.ofCustomer(customerId);
    }

    static EducationAssigned assigned(Assignment a) {
        return new EducationAssigned(a.customerId, a.id, a.contentId, a.pathId, a.reason, a.painPointId, null, a.topic,
                a.interventionId);
    }

    private static ProblemException unknown(String field, String message) {
        return ProblemException.badRequest(message, List.of(Problem.FieldError.of(field, message)));
    }

    private static JourneyEvent eventOf(Assignment a) {
        Double score = a.score == null ? null : a.score.doubleValue();
        // the pain point it answers travels with every event, so journey-service can resolve it on completion
        return a.status == AssignmentStatus.STARTED
                ? new EducationStarted(a.customerId, a.id, a.contentId, a.pathId, a.reason, a.painPointId, null)
                : new EducationCompleted(a.customerId, a.id, a.contentId, a.pathId, a.reason, a.painPointId, score, a.topic);
    }
}
