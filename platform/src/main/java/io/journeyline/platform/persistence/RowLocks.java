package io.journeyline.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

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
}
