package io.journeyline.journey.persistence;

import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.journeyline.platform.persistence.RowLocks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Customers as journey-service knows them; a customer exists from their first event on. */
@ApplicationScoped
public class CustomerRepository {

    /**
     * Creates customers on first sight, or widens their seen-window and counts their events: one statement
     * for all customers of a batch. Rows are written in id order, so concurrent batches lock customers in
     * the same order and cannot deadlock.
     */
    public Uni<Void> recordEvents(List<IncomingEvent> events) {
        Map<String, List<IncomingEvent>> byCustomer = events.stream()
                .collect(Collectors.groupingBy(IncomingEvent::customerId, TreeMap::new, Collectors.toList()));
        List<Object[]> rows = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customerId, ofCustomer) -> rows.add(new Object[]{customerId,
                ofCustomer.stream().map(IncomingEvent::time).min(Comparator.naturalOrder()).orElseThrow(),
                ofCustomer.stream().map(IncomingEvent::time).max(Comparator.naturalOrder()).orElseThrow(),
                (long) ofCustomer.size()}));
        return Panache.getSession().chain(session -> MultiRowStatement.of(
                "insert into customers (id, first_seen_at, last_seen_at, event_count) select * from",
                "text, timestamptz, timestamptz, bigint", rows, """
                        on conflict (id) do update set
                            first_seen_at = least(customers.first_seen_at, excluded.first_seen_at),
                            last_seen_at = greatest(customers.last_seen_at, excluded.last_seen_at),
                            event_count = customers.event_count + excluded.event_count""")
                .executeUpdate(session)).replaceWithVoid();
    }

    /**
     * Locks the customer's row for the rest of the transaction if no one else holds it, without waiting; true when
     * locked (or when there is no such customer, so nothing to lock). What a timer takes before it touches the
     * customer's state, in the mode the batch's upsert takes it: the consumer and the timers lock a customer first,
     * then its stage and rule state, so they cannot deadlock.
     */
    public Uni<Boolean> tryLock(String customerId) {
        return RowLocks.tryLock("customers", "for no key update", customerId);
    }

    /** {@link #tryLock} for many customers in one statement: the ids now locked (or unknown). */
    public Uni<Set<String>> tryLockAll(Collection<String> customerIds) {
        return RowLocks.tryLockAll("customers", "for no key update", customerIds);
    }

    /**
     * Creates the customer, seen from {@code at}, unless journey-service knows them already (a consent recorded
     * before their first event); counts no event.
     */
    public Uni<Void> ensure(String customerId, OffsetDateTime at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into customers (id, first_seen_at, last_seen_at, event_count) values (?1, ?2, ?2, 0)
                        on conflict (id) do nothing""")
                .setParameter(1, customerId).setParameter(2, at).executeUpdate()).replaceWithVoid();
    }

    public Uni<Boolean> exists(String customerId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from customers where id = ?1", Long.class)
                .setParameter(1, customerId)
                .getSingleResult()).map(count -> count > 0);
    }
}
