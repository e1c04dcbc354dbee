package io.journeyline.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.function.Function;

/**
 * Guards for APIs whose writes only make sense inside the caller's transaction (outbox, dedupe, timers): called
 * outside one, they fail instead of committing on their own and breaking the all-or-nothing promise.
 */
public final class Transactions {
    private Transactions() {
    }

    /** Runs {@code work} with the current session if a reactive transaction is open; fails otherwise. */
    public static <T> Uni<T> inCallersTransaction(String api, Function<Mutiny.Session, Uni<T>> work) {
        return Panache.currentTransaction().chain(transaction -> transaction == null
                ? Uni.createFrom().failure(new IllegalStateException(api
                + " must be called inside the caller's transaction (@WithTransaction or Panache.withTransaction)"))
                : Panache.getSession().chain(work::apply));
    }
}
