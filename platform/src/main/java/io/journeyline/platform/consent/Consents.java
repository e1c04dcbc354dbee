package io.journeyline.platform.consent;

import io.journeyline.contract.event.CustomerConsentChanged;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one way a service that contacts customers keeps and reads their consent: a copy of journey-service's
 * {@code journey.consent-changed} (each the customer's whole consent after a change), per purpose and channel. A
 * consumer routes the event here; a guard asks {@link #said} and falls back to its own default when the customer has
 * said nothing.
 *
 * <pre>{@code
 * EventRoutes.builder().on(CustomerConsentChanged.class, consents::onChanged)          // in the consumed batch
 * consents.said(customerId, "survey", "email")                                         // Optional<Boolean>
 * }</pre>
 */
@ApplicationScoped
public class Consents {
    /** The channel value that means every channel. */
    public static final String ANY = "any";

    /** Replaces each customer's consent with the latest word, in the consumed batch's transaction. */
    public Uni<Void> onChanged(List<Delivery<CustomerConsentChanged>> deliveries) {
        return InOrder.each(deliveries, delivery -> {
            CustomerConsentChanged changed = delivery.data();
            List<CustomerConsentChanged.Consent> said = changed.consents() == null ? List.of() : changed.consents();
            return Transactions.inCallersTransaction("Consents.onChanged", session -> session
                    .createNativeQuery("delete from platform_consents where customer_id = ?1")
                    .setParameter(1, changed.customerId()).executeUpdate()
                    .chain(() -> InOrder.each(said, consent -> session.createNativeQuery("""
                                    insert into platform_consents (customer_id, purpose, channel, granted, updated_at)
                                    values (?1, ?2, ?3, ?4, ?5) on conflict (customer_id, purpose, channel)
                                    do update set granted = excluded.granted, updated_at = excluded.updated_at""")
                            .setParameter(1, changed.customerId()).setParameter(2, consent.purpose())
                            .setParameter(3, consent.channel()).setParameter(4, consent.granted())
                            .setParameter(5, delivery.event().time()).executeUpdate())));
        });
    }

    /**
     * What the customer said about {@code purpose} on {@code channel}, else on every channel; empty when they said
     * nothing (the caller's default applies).
     */
    public Uni<Optional<Boolean>> said(String customerId, String purpose, String channel) {
        return of(customerId, purpose).map(byChannel -> said(byChannel, channel));
    }

    /** What {@code byChannel} (one customer's word on a purpose, from {@link #ofAll}) says for {@code channel}. */
    public static Optional<Boolean> said(Map<String, Boolean> byChannel, String channel) {
        return Optional.ofNullable(byChannel.get(channel)).or(() -> Optional.ofNullable(byChannel.get(ANY)));
    }

    /** What the customer said about {@code purpose}, by channel. */
    public Uni<Map<String, Boolean>> of(String customerId, String purpose) {
        return ofAll(Set.of(customerId), purpose).map(all -> all.getOrDefault(customerId, Map.of()));
    }

    /** What each of these customers said about {@code purpose}, by channel, in one statement (absent: nothing said). */
    public Uni<Map<String, Map<String, Boolean>>> ofAll(Collection<String> customerIds, String purpose) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select customer_id, channel, granted from platform_consents where customer_id "
                                + SqlArrays.anyOf(1, "text") + " and purpose = ?2", Object[].class)
                .setParameter(1, SqlArrays.of(customerIds)).setParameter(2, purpose).getResultList())
                .map(rows -> {
                    Map<String, Map<String, Boolean>> byCustomer = new HashMap<>();
                    rows.forEach(row -> byCustomer.computeIfAbsent((String) row[0], c -> new TreeMap<>())
                            .put((String) row[1], (Boolean) row[2]));
                    return byCustomer;
                });
    }
}
