package io.journeyline.survey.persistence;

import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What survey-service holds to honour a customer: consent for surveys per channel, and open cases. */
@ApplicationScoped
public class ContactStateRepository {

    /** The customer's survey consent by channel ({@code any} for every channel). */
    public record SurveyConsent(Map<String, Boolean> byChannel) {
        public Optional<Boolean> on(String channel) {
            return Optional.ofNullable(byChannel.get(channel));
        }
    }

    /** Replaces the customer's survey consent with journey-service's latest word. */
    public Uni<Void> replaceConsent(String customerId, Map<String, Boolean> byChannel, OffsetDateTime at) {
        return Transactions.inCallersTransaction("ContactStateRepository.replaceConsent", session -> session
                .createNativeQuery("delete from survey_consents where customer_id = ?1").setParameter(1, customerId)
                .executeUpdate()
                .chain(() -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<String, Boolean> entry : byChannel.entrySet()) {
                        chain = chain.chain(() -> session.createNativeQuery("""
                                        insert into survey_consents (customer_id, channel, granted, updated_at)
                                        values (?1, ?2, ?3, ?4)""")
                                .setParameter(1, customerId).setParameter(2, entry.getKey())
                                .setParameter(3, entry.getValue()).setParameter(4, at).executeUpdate());
                    }
                    return chain;
                })).replaceWithVoid();
    }

    public Uni<SurveyConsent> consent(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select channel, granted from survey_consents where customer_id = ?1", Object[].class)
                .setParameter(1, customerId).getResultList())
                .map(rows -> {
                    Map<String, Boolean> byChannel = new TreeMap<>();
                    rows.forEach(row -> byChannel.put((String) row[0], (Boolean) row[1]));
                    return new SurveyConsent(byChannel);
                });
    }

    public Uni<Void> caseOpened(String caseId, String customerId, OffsetDateTime at) {
        return Transactions.inCallersTransaction("ContactStateRepository.caseOpened", session -> session.createNativeQuery(
                        "insert into open_cases (case_id, customer_id, opened_at) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, caseId).setParameter(2, customerId).setParameter(3, at).executeUpdate()).replaceWithVoid();
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
