package io.journeyline.education.persistence;

import io.journeyline.education.domain.Assignment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.journeyline.platform.persistence.RowLocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;

/** Assignments by id and by customer. */
@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, String> {

    public Uni<List<Assignment>> ofCustomer(String customerId) {
        return list("customerId", Sort.descending("assignedAt"), customerId);
    }

    /**
     * Locks the assignment for the rest of the transaction if no one else holds it, without waiting; true when locked
     * (or when there is no such assignment). What its drop-out timer takes first, as a progress report locks the
     * assignment before it moves the timer: see {@code TimerHandler.tryLockFirst}.
     */
    public Uni<Boolean> tryLock(String id) {
        return RowLocks.tryLock("assignments", "for update", id);
    }

    /** The assignment, locked for the rest of the transaction; null when unknown. */
    public Uni<Assignment> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The assignment that answers this education request, if it was answered already. */
    public Uni<Assignment> ofIntervention(String interventionId) {
        return find("interventionId", interventionId).firstResult();
    }
}
