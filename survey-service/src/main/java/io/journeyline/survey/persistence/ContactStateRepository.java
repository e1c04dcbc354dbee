package io.journeyline.survey.persistence;

import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/** The customers' open cases, which hold surveys back. */
@ApplicationScoped
public class ContactStateRepository {

    public Uni<Void> caseOpened(String caseId, String customerId, OffsetDateTime at) {
        return Transactions.inCallersTransaction("ContactStateRepository.caseOpened", session -> session.createNativeQuery(
                        "insert into open_cases (case_id, customer_id, opened_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, caseId).setParameter(2, customerId).setParameter(3, at).executeUpdate()).replaceWithVoid();
    }

    /**
     * The customers survey-service knows this case to belong to: the open case's (from feedback-service's case events)
     * and those of the invitations that follow it up. One, or none when the case is unknown here.
     */
    public Uni<Set<String>> customersOfCase(String caseId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id from open_cases where case_id = ?1
                        union select customer_id from invitations where case_id = ?1""", String.class)
                .setParameter(1, caseId).getResultList())
                .map(LinkedHashSet::new);
    }

    public Uni<Void> caseClosed(String caseId) {
        return Transactions.inCallersTransaction("ContactStateRepository.caseClosed", session -> session
                .createNativeQuery("delete from open_cases where case_id = ?1").setParameter(1, caseId)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Set<String>> openCases(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select case_id from open_cases where customer_id = ?1 order by opened_at", String.class)
                .setParameter(1, customerId).getResultList())
                .map(LinkedHashSet::new);
    }
}
