package io.journeyline.education.service;

import io.journeyline.contract.event.EducationDroppedOut;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.persistence.AssignmentRepository;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.journeyline.platform.timers.Timers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/**
 * The drop-out clock of assigned education (DOMAIN.md: no progress for 7 days): a durable platform timer per
 * assignment, started when it is assigned, moved by every progress report, stopped by completion. When it fires on an
 * assignment still in progress, the assignment is DROPPED_OUT and {@code education.dropped-out} is published.
 */
@ApplicationScoped
public class DropOuts implements TimerHandler {
    static final String KIND = "education-drop-out";

    private final AssignmentRepository assignments;
    private final Timers timers;
    private final Outbox outbox;
    private final EducationConfig config;

    public DropOuts(AssignmentRepository assignments, Timers timers, Outbox outbox, EducationConfig config) {
        this.assignments = assignments;
        this.timers = timers;
        this.outbox = outbox;
        this.config = config;
    }

    /** Starts or moves the clock: no progress from {@code since} for the configured days is a drop-out. */
    public Uni<Void> restart(String assignmentId, OffsetDateTime since) {
        return timers.schedule(KIND, assignmentId, since.plus(config.dropOutAfter()).toInstant(), assignmentId);
    }

    public Uni<Void> stop(String assignmentId) {
        return timers.cancel(KIND, assignmentId).replaceWithVoid();
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The assignment first, as a progress report locks it before it moves this timer. */
    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return assignments.tryLock(timer.payload());
    }

    @Override
    public Uni<Void> fire(FiredTimer timer) {
        return assignments.lock(timer.payload()).chain(assignment -> {
            if (assignment == null || !assignment.status.inProgress()) {
                return Uni.createFrom().voidItem();
            }
            assignment.status = AssignmentStatus.DROPPED_OUT;
            return outbox.publish(dropped(assignment), Cause.of(timer)).replaceWithVoid();
        });
    }

    private static EducationDroppedOut dropped(Assignment a) {
        return new EducationDroppedOut(a.customerId, a.id, a.contentId, a.pathId, a.reason, a.painPointId,
                a.score == null ? null : a.score.doubleValue());
    }
}
