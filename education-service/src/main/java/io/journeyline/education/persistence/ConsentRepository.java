package io.journeyline.education.persistence;

import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/** The customers' consent for education, per channel ({@code any}: every channel), as journey-service holds it. */
@ApplicationScoped
public class ConsentRepository {

    public Uni<Void> replace(String customerId, Map<String, Boolean> byChannel, OffsetDateTime at) {
        return Transactions.inCallersTransaction("ConsentRepository.replace", session -> session
                .createNativeQuery("delete from education_consents where customer_id = ?1").setParameter(1, customerId)
                .executeUpdate()
                .chain(() -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<String, Boolean> entry : byChannel.entrySet()) {
                        chain = chain.chain(() -> session.createNativeQuery("""
                                        insert into education_consents (customer_id, channel, granted, updated_at)
                                        values (?1, ?2, ?3, ?4)""")
                                .setParameter(1, customerId).setParameter(2, entry.getKey())
                                .setParameter(3, entry.getValue()).setParameter(4, at).executeUpdate());
                    }
                    return chain;
                })).replaceWithVoid();
    }

    /** What the customer said, by channel. */
    public Uni<Map<String, Boolean>> of(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select channel, granted from education_consents where customer_id = ?1", Object[].class)
                .setParameter(1, customerId).getResultList())
                .map(rows -> {
                    Map<String, Boolean> byChannel = new TreeMap<>();
                    rows.forEach(row -> byChannel.put((String) row[0], (Boolean) row[1]));
                    return byChannel;
                });
    }
}
