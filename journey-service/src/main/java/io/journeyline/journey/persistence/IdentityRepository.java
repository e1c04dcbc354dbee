package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.NativeSelect;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/** Identifiers, the groups of linked customers, the links made and the links held back for review. */
@ApplicationScoped
public class IdentityRepository {

    public record Identifier(String identifier, String customerId, OffsetDateTime seenAt, String causeEventId) {
    }

    public record Link(String customerId, String linkedCustomerId, String identifier, String causeEventId,
                       OffsetDateTime linkedAt) {
    }

    public record Review(String customerId, String otherCustomerId, String identifier, int identifiersAfter,
                         String causeEventId, OffsetDateTime requestedAt, String status) {
    }

    /** The owners of these identifiers, where known. */
    public Uni<Map<String, String>> owners(Set<String> identifiers) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select identifier, customer_id from identities where identifier in (?1)", Object[].class)
                .setParameter(1, List.copyOf(identifiers)).getResultList())
                .map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(row -> owners.put((String) row[0], (String) row[1]));
                    return owners;
                });
    }

    /** Records identifiers nobody owns yet (a concurrent batch may take one first: the caller reads owners again). */
    public Uni<Void> claim(List<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = identifiers.stream().sorted(java.util.Comparator.comparing(Identifier::identifier))
                .map(i -> new Object[]{i.identifier(), i.customerId(), i.seenAt(), i.causeEventId()}).toList();
        return Transactions.inCallersTransaction("IdentityRepository.claim", session -> MultiRowStatement.of(
                "insert into identities (identifier, customer_id, seen_at, cause_event_id) select * from",
                "text, text, timestamptz, text", rows,
                "on conflict (identifier) do nothing").executeUpdate(session)).replaceWithVoid();
    }

    /** The group a customer belongs to: its own id while it is linked to no one. */
    public Uni<String> groupOf(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select coalesce(group_id, id) from customers where id = ?1", String.class)
                .setParameter(1, customerId).getResultList())
                .map(rows -> rows.isEmpty() ? customerId : rows.get(0));
    }

    /** A customer's stage, and its group: the customers linked to it and itself, in id order. */
    public record Group(StageRepository.StageRow stage, List<String> members) {
    }

    /**
     * The customer's stage and group in one statement (the customer by its key, the others through
     * {@code customers_by_group}); empty when journey-service has never seen the customer.
     */
    public Uni<Optional<Group>> group(String customerId) {
        return new NativeSelect("""
                select m.id, me.stage, me.stage_entered_at, me.previous_stage, me.stage_cause
                from customers me cross join lateral (
                    select me.id as id where me.group_id is null
                    union all
                    select g.id from customers g where g.group_id = me.group_id) m
                where me.id = ?1 order by m.id""", List.of(customerId)).list(Object[].class)
                .map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(new Group(new StageRepository.StageRow(
                        customerId, (String) rows.get(0)[1], (OffsetDateTime) rows.get(0)[2], (String) rows.get(0)[3],
                        (String) rows.get(0)[4]), rows.stream().map(row -> (String) row[0]).toList())));
    }

    /** Every customer of a customer's group (at least the customer itself), in id order. */
    public Uni<List<String>> members(String customerId) {
        return group(customerId).map(found -> found.map(Group::members).orElse(List.of(customerId)));
    }

    /** How many identifiers the customers of these groups hold together. */
    public Uni<Long> identifierCount(Set<String> groups) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*) from identities i join customers c on c.id = i.customer_id
                        where c.group_id in (?1) or (c.group_id is null and c.id in (?1))""", Long.class)
                .setParameter(1, List.copyOf(groups)).getSingleResult());
    }

    /** Merges the groups into one, named by {@code root}, and records the link. */
    public Uni<Void> link(Set<String> groups, String root, Link link) {
        return Transactions.inCallersTransaction("IdentityRepository.link", session -> session.createNativeQuery(
                        "update customers set group_id = ?1 where group_id in (?2) or (group_id is null and id in (?2))")
                .setParameter(1, root).setParameter(2, List.copyOf(groups)).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into identity_links (customer_id, linked_customer_id, identifier, cause_event_id,
                                    linked_at) values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                        .setParameter(1, link.customerId()).setParameter(2, link.linkedCustomerId())
                        .setParameter(3, link.identifier()).setParameter(4, link.causeEventId())
                        .setParameter(5, link.linkedAt()).executeUpdate())).replaceWithVoid();
    }

    public Uni<Void> queueReview(Review review) {
        return Transactions.inCallersTransaction("IdentityRepository.queueReview", session -> session.createNativeQuery("""
                        insert into identity_reviews (customer_id, other_customer_id, identifier, identifiers_after,
                            cause_event_id, requested_at, status) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, review.customerId()).setParameter(2, review.otherCustomerId())
                .setParameter(3, review.identifier()).setParameter(4, review.identifiersAfter())
                .setParameter(5, review.causeEventId()).setParameter(6, review.requestedAt())
                .setParameter(7, review.status()).executeUpdate()).replaceWithVoid();
    }

    /** The identifiers of these customers. */
    public Uni<List<Identifier>> identifiersOf(List<String> customerIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select identifier, customer_id, seen_at, cause_event_id from identities
                        where customer_id in (?1) order by identifier""", Object[].class)
                .setParameter(1, customerIds).getResultList())
                .map(rows -> rows.stream().map(row -> new Identifier((String) row[0], (String) row[1],
                        (OffsetDateTime) row[2], (String) row[3])).toList());
    }

    /** The links among these customers. */
    public Uni<List<Link>> linksOf(List<String> customerIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id, linked_customer_id, identifier, cause_event_id, linked_at from identity_links
                        where customer_id in (?1) order by linked_at""", Object[].class)
                .setParameter(1, customerIds).getResultList())
                .map(rows -> rows.stream().map(row -> new Link((String) row[0], (String) row[1], (String) row[2],
                        (String) row[3], (OffsetDateTime) row[4])).toList());
    }

    public Uni<List<Review>> reviews(String status, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id, other_customer_id, identifier, identifiers_after, cause_event_id, requested_at,
                            status from identity_reviews where status = ?1 order by requested_at desc limit ?2""",
                        Object[].class)
                .setParameter(1, status).setParameter(2, limit).getResultList())
                .map(rows -> rows.stream().map(row -> new Review((String) row[0], (String) row[1], (String) row[2],
                        ((Number) row[3]).intValue(), (String) row[4], (OffsetDateTime) row[5], (String) row[6])).toList());
    }
}
