package io.journeyline.education.persistence;

import io.journeyline.education.domain.Assignment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
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

    /** The assignment, locked for the rest of the transaction; null when unknown. */
    public Uni<Assignment> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The assignment that answers this education request, if it was answered already. */
    public Uni<Assignment> ofIntervention(String interventionId) {
        return find("interventionId", interventionId).firstResult();
    }
}
