package io.journeyline.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.Collection;
import java.util.Set;

/**
 * Locking a row without waiting, for a timer handler's {@code tryLockFirst}: the row a service's consumer or commands
 * lock first (a customer, a case, an assignment), taken in their mode, or nothing when someone holds it.
 */
public final class RowLocks {
    private RowLocks() {
    }

    /**
     * Locks the row of {@code table} whose {@code id} column is {@code id} for the rest of the current transaction,
     * {@code mode} being the locking clause ({@code for update}, {@code for no key update}) the service's other work
     * takes it with; true when locked, or when there is no such row (nothing to lock); false when another transaction
     * holds it. {@code table} and {@code mode} are the caller's constants, never input.
     */
    public static Uni<Boolean> tryLock(String table, String mode, String id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "with locked as (select id from " + table + " where id = ?1 " + mode + " skip locked) "
                                + "select exists (select 1 from locked) or not exists (select 1 from " + table
                                + " where id = ?1)", Boolean.class)
                .setParameter(1, id).getSingleResult());
    }

    /**
     * {@link #tryLock} for many rows in one statement: the ids of {@code ids} whose row this transaction now holds, or
     * that have no row; the others are held by someone else. It never waits, so the order it locks in cannot deadlock.
     */
    public static Uni<Set<String>> tryLockAll(String table, String mode, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "with wanted as (select distinct unnest(cast(cast(?1 as text) as text[])) as id), "
                                + "locked as (select t.id from " + table + " t where t.id in (select id from wanted) "
                                + mode + " skip locked) "
                                + "select id from locked union all select w.id from wanted w where not exists "
                                + "(select 1 from " + table + " t where t.id = w.id)", String.class)
                .setParameter(1, SqlArrays.of(ids)).getResultList())
                .map(Set::copyOf);
    }
}
