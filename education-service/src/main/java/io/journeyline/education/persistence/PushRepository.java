package io.journeyline.education.persistence;

import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Every education delivery to a customer, which the daily push cap counts. */
@ApplicationScoped
public class PushRepository {

    /**
     * Serialises pushes to one customer until the transaction ends (an advisory lock on the customer), so two
     * progress reports at once cannot both take the last slot under the cap.
     */
    public Uni<Void> lockCustomer(String customerId) {
        return Transactions.inCallersTransaction("PushRepository.lockCustomer", session -> session.createNativeQuery(
                        "select 1 from (select pg_advisory_xact_lock(hashtext(?1))) locked", Integer.class)
                .setParameter(1, "education-push|" + customerId).getSingleResult()).replaceWithVoid();
    }

    /**
     * Takes the same per-customer lock as {@link #lockCustomer} if no one else holds it, without waiting; whether it
     * did. What the customer's push timer takes first: see {@code TimerHandler.tryLockFirst}.
     */
    public Uni<Boolean> tryLockCustomer(String customerId) {
        return Transactions.inCallersTransaction("PushRepository.tryLockCustomer", session -> session.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext(?1))", Boolean.class)
                .setParameter(1, "education-push|" + customerId).getSingleResult());
    }

    /** The customer's pushes since {@code from}. */
    public Uni<List<Instant>> since(String customerId, OffsetDateTime from) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select pushed_at from education_pushes where customer_id = ?1 and pushed_at > ?2", OffsetDateTime.class)
                .setParameter(1, customerId).setParameter(2, from).getResultList())
                .map(rows -> rows.stream().map(OffsetDateTime::toInstant).toList());
    }

    /** Records a push; false when this content of this assignment was pushed already. */
    public Uni<Boolean> record(String customerId, String assignmentId, String contentId, OffsetDateTime at) {
        return Transactions.inCallersTransaction("PushRepository.record", session -> session.createNativeQuery("""
                        insert into education_pushes (customer_id, assignment_id, content_id, pushed_at)
                        values (?1, ?2, ?3, ?4) on conflict do nothing""")
                .setParameter(1, customerId).setParameter(2, assignmentId).setParameter(3, contentId)
                .setParameter(4, at).executeUpdate()).map(inserted -> inserted > 0);
    }
}
