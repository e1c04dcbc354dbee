package io.journeyline.education.persistence;

import io.journeyline.education.domain.paths.Unlocking.UnitState;
import io.journeyline.education.domain.paths.Unlocking.UnitStatus;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** The units of customers' path assignments and where each customer is with them (native SQL). */
@ApplicationScoped
public class PathUnitRepository {
    private static final String COLUMNS = "assignment_id, position, content_id, micro_lesson, prerequisites, status, "
            + "unlocked_at, pushed_at, completed_at";

    /** One unit of one customer's path. */
    public record Unit(String assignmentId, int position, String contentId, boolean microLesson,
                       List<String> prerequisites, UnitStatus status, OffsetDateTime unlockedAt,
                       OffsetDateTime pushedAt, OffsetDateTime completedAt) {

        public UnitState state() {
            return new UnitState(contentId, microLesson, prerequisites, status);
        }
    }

    /** The path's units for a new assignment, all LOCKED. */
    public Uni<Void> addAll(List<Unit> units) {
        List<Object[]> rows = units.stream().map(u -> new Object[]{u.assignmentId(), u.position(), u.contentId(),
                u.microLesson(), String.join(",", u.prerequisites()), UnitStatus.LOCKED.name()}).toList();
        return Transactions.inCallersTransaction("PathUnitRepository.addAll", session -> MultiRowStatement.of(
                "insert into path_units (assignment_id, position, content_id, micro_lesson, prerequisites, status)"
                        + " select * from", "text, integer, text, boolean, text, text", rows, "").executeUpdate(session)).replaceWithVoid();
    }

    /** The assignment's units in path order (none for a single-content assignment). */
    public Uni<List<Unit>> of(String assignmentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select " + COLUMNS
                        + " from path_units where assignment_id = ?1 order by position", Object[].class)
                .setParameter(1, assignmentId).getResultList()).map(rows -> rows.stream().map(PathUnitRepository::unit).toList());
    }

    /** Moves a unit on: WAITING or UNLOCKED stamp the unlock (and UNLOCKED the push), COMPLETED the completion. */
    public Uni<Void> move(String assignmentId, String contentId, UnitStatus status, OffsetDateTime at) {
        String stamp = switch (status) {
            case WAITING -> "unlocked_at = coalesce(unlocked_at, ?3)";
            case UNLOCKED -> "unlocked_at = coalesce(unlocked_at, ?3), pushed_at = ?3";
            case COMPLETED -> "completed_at = ?3";
            case LOCKED -> throw new IllegalArgumentException("units never lock again");
        };
        return Transactions.inCallersTransaction("PathUnitRepository.move", session -> session.createNativeQuery(
                        "update path_units set status = ?4, " + stamp + " where assignment_id = ?1 and content_id = ?2")
                .setParameter(1, assignmentId).setParameter(2, contentId).setParameter(3, at)
                .setParameter(4, status.name()).executeUpdate()).replaceWithVoid();
    }

    /** The customer's units waiting for the push cap, on paths still in progress, oldest unlock first. */
    public Uni<List<Unit>> waitingOf(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select u.assignment_id, u.position, u.content_id, u.micro_lesson, u.prerequisites, u.status,
                            u.unlocked_at, u.pushed_at, u.completed_at
                        from path_units u join assignments a on a.id = u.assignment_id
                        where a.customer_id = ?1 and u.status = 'WAITING' and a.status in ('ASSIGNED', 'STARTED', 'DROPPED_OUT')
                        order by u.unlocked_at, u.assignment_id, u.position""", Object[].class)
                .setParameter(1, customerId).getResultList()).map(rows -> rows.stream().map(PathUnitRepository::unit).toList());
    }

    private static Unit unit(Object[] r) {
        String prerequisites = (String) r[4];
        return new Unit((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (Boolean) r[3],
                prerequisites.isEmpty() ? List.of() : Arrays.asList(prerequisites.split(",")),
                UnitStatus.valueOf((String) r[5]), (OffsetDateTime) r[6], (OffsetDateTime) r[7], (OffsetDateTime) r[8]);
    }
}
