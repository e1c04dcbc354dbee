package io.journeyline.education.service;

import io.journeyline.education.domain.Assignment;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.catalog.ContentKind;
import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.education.domain.paths.Unlocking;
import io.journeyline.education.domain.paths.Unlocking.UnitStatus;
import io.journeyline.education.persistence.PathUnitRepository;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A customer on a learning path: the path's units copied onto the assignment (a later edit of the path does not
 * change them), unlocked by {@link Unlocking}'s rules as units are completed, each delivered through {@link Pushes}
 * under the daily cap. The path is completed when every unit is.
 */
@ApplicationScoped
public class PathProgression {
    private final PathUnitRepository units;
    private final Pushes pushes;
    private final Clock clock;

    public PathProgression(PathUnitRepository units, Pushes pushes, Clock clock) {
        this.units = units;
        this.pushes = pushes;
        this.clock = clock;
    }

    /** Where a unit report left the path: units completed of how many. */
    public record PathState(int completed, int total) {
        public boolean done() {
            return completed == total;
        }

        public int percent() {
            return total == 0 ? 100 : completed * 100 / total;
        }
    }

    /** Starts the path for the assignment: its units, and the first ones unlocked (and delivered, room permitting). */
    public Uni<Void> start(Assignment assignment, LearningPath path, Map<String, String> kinds, Cause cause) {
        List<PathUnitRepository.Unit> rows = new ArrayList<>();
        for (int i = 0; i < path.units().size(); i++) {
            LearningPath.Unit unit = path.units().get(i);
            rows.add(new PathUnitRepository.Unit(assignment.id, i, unit.contentId(),
                    ContentKind.MICRO_LESSON.wire().equals(kinds.get(unit.contentId())), unit.prerequisites(),
                    UnitStatus.LOCKED, null, null, null));
        }
        return units.addAll(rows).chain(() -> unlock(assignment, rows, cause));
    }

    /**
     * A learning platform reports on one unit: COMPLETED completes it and unlocks what it opens; STARTED changes no
     * unit. A unit not in the path is a 400; a unit not unlocked yet a 409 saying what it waits for.
     */
    public Uni<PathState> report(Assignment assignment, String contentId, AssignmentStatus status) {
        return units.of(assignment.id).chain(path -> {
            PathUnitRepository.Unit unit = path.stream().filter(u -> u.contentId().equals(contentId)).findFirst()
                    .orElseThrow(() -> ProblemException.badRequest("not a unit of this path", List.of(Problem.FieldError
                            .of("contentId", "'" + contentId + "' is not a unit of path " + assignment.pathId))));
            if (unit.status() == UnitStatus.LOCKED) {
                throw ProblemException.conflict(Unlocking.whyLocked(unit.state(), path.stream()
                        .map(PathUnitRepository.Unit::state).toList()));
            }
            if (unit.status() == UnitStatus.WAITING) {
                throw ProblemException.conflict("unit '" + contentId + "' is unlocked but not delivered yet: the "
                        + "customer's daily push cap is reached");
            }
            if (status != AssignmentStatus.COMPLETED || unit.status() == UnitStatus.COMPLETED) {
                return Uni.createFrom().item(state(path));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<PathUnitRepository.Unit> after = path.stream().map(u -> u.contentId().equals(contentId)
                    ? new PathUnitRepository.Unit(u.assignmentId(), u.position(), u.contentId(), u.microLesson(),
                    u.prerequisites(), UnitStatus.COMPLETED, u.unlockedAt(), u.pushedAt(), now) : u).toList();
            return units.move(assignment.id, contentId, UnitStatus.COMPLETED, now)
                    .chain(() -> unlock(assignment, after, null)).replaceWith(state(after));
        });
    }

    private Uni<Void> unlock(Assignment assignment, List<PathUnitRepository.Unit> path, Cause cause) {
        return InOrder.each(Unlocking.toUnlock(path.stream().map(PathUnitRepository.Unit::state).toList()),
                contentId -> pushes.deliverUnit(assignment, contentId, cause));
    }

    private static PathState state(List<PathUnitRepository.Unit> path) {
        return new PathState((int) path.stream().filter(u -> u.status() == UnitStatus.COMPLETED).count(), path.size());
    }
}
