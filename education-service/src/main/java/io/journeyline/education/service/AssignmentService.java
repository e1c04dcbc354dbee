package io.journeyline.education.service;

import io.journeyline.contract.event.EducationAssigned;
import io.journeyline.contract.event.EducationCompleted;
import io.journeyline.contract.event.EducationStarted;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.education.domain.NewAssignment;
import io.journeyline.education.domain.Progress;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Assigns education and tracks progress; every change publishes its education event in the same transaction. */
@ApplicationScoped
public class AssignmentService {
    private final AssignmentRepository assignments;
    private final Outbox outbox;
    private final DropOuts dropOuts;
    private final Clock clock;

    public AssignmentService(AssignmentRepository assignments, Outbox outbox, DropOuts dropOuts, Clock clock) {
        this.assignments = assignments;
        this.outbox = outbox;
        this.dropOuts = dropOuts;
        this.clock = clock;
    }

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
        return assignments.persist(assignment)
                .call(saved -> dropOuts.restart(saved.id, saved.assignedAt))
                .call(saved -> outbox.publish(new EducationAssigned(saved.customerId, saved.id, saved.contentId,
                        saved.pathId, saved.reason, null, null, null, null)));
    }

    /**
     * Applies a progress report: its per cent and time move the drop-out clock; a new status publishes its event
     * (repeating the current one publishes nothing); going backwards (COMPLETED → STARTED) or reporting on a held-out
     * or suppressed decision is a conflict. A dropped-out customer who reports again is back.
     */
    @WithTransaction
    public Uni<Assignment> reportProgress(String id, Progress report) {
        return find(id).call(assignment -> {
            boolean reportable = report.status() == AssignmentStatus.STARTED || report.status() == AssignmentStatus.COMPLETED;
            if (!reportable || !assignment.status.canMoveTo(report.status())) {
                throw ProblemException.conflict("assignment " + id + " is " + assignment.status
                        + " and cannot move to " + report.status());
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            boolean changed = report.status() != assignment.status;
            assignment.lastProgressAt = now;
            if (report.percent() != null) {
                assignment.progressPercent = report.percent();
            }
            if (changed) {
                assignment.status = report.status();
                if (report.status() == AssignmentStatus.STARTED) {
                    assignment.startedAt = assignment.startedAt != null ? assignment.startedAt : now;
                } else {
                    assignment.completedAt = now;
                    assignment.score = report.score();
                    assignment.progressPercent = 100;
                }
            }
            Uni<Void> clock = assignment.status == AssignmentStatus.COMPLETED ? dropOuts.stop(id)
                    : dropOuts.restart(id, now);
            return changed ? clock.chain(() -> outbox.publish(eventOf(assignment))).replaceWithVoid() : clock;
        });
    }

    @WithSession
    public Uni<Assignment> get(String id) {
        return find(id);
    }

    @WithSession
    public Uni<List<Assignment>> ofCustomer(String customerId) {
        return assignments.ofCustomer(customerId);
    }

    private Uni<Assignment> find(String id) {
        return assignments.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("assignment", id));
    }

    private static JourneyEvent eventOf(Assignment a) {
        Double score = a.score == null ? null : a.score.doubleValue();
        // the pain point it answers travels with every event, so journey-service can resolve it on completion
        return a.status == AssignmentStatus.STARTED
                ? new EducationStarted(a.customerId, a.id, a.contentId, a.pathId, a.reason, a.painPointId, null)
                : new EducationCompleted(a.customerId, a.id, a.contentId, a.pathId, a.reason, a.painPointId, score, a.topic);
    }
}
