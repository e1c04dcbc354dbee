package io.journeyline.education.persistence;

import io.journeyline.education.domain.Assignment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.journeyline.platform.persistence.RowLocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /** The assignments of these customers, in one statement, by customer. */
    public Uni<Map<String, List<Assignment>>> ofCustomers(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("customerId in ?1", List.copyOf(customerIds))
                .map(all -> all.stream().collect(Collectors.groupingBy(assignment -> assignment.customerId)));
    }

    /** The assignments that answer these education requests, by intervention id (absent: not answered yet). */
    public Uni<Map<String, Assignment>> ofInterventions(Collection<String> interventionIds) {
        if (interventionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("interventionId in ?1", List.copyOf(interventionIds)).map(all -> all.stream()
                .collect(Collectors.toMap(assignment -> assignment.interventionId, assignment -> assignment, (a, b) -> a)));
    }
}
