package io.journeyline.journey.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Customers as journey-service knows them; a customer exists from their first event on. */
@ApplicationScoped
public class CustomerRepository {

    /** Creates the customer on first sight, or widens their seen-window and counts the event. */
    public Uni<Void> recordEvent(String customerId, OffsetDateTime occurredAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customers (id, first_seen_at, last_seen_at, event_count) values (?1, ?2, ?2, 1)
                        on conflict (id) do update set
                            first_seen_at = least(customers.first_seen_at, excluded.first_seen_at),
                            last_seen_at = greatest(customers.last_seen_at, excluded.last_seen_at),
                            event_count = customers.event_count + 1""")
                .setParameter(1, customerId)
                .setParameter(2, occurredAt)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Boolean> exists(String customerId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from customers where id = ?1", Long.class)
                .setParameter(1, customerId)
                .getSingleResult()).map(count -> count > 0);
    }
}
