package io.journeyline.platform.messaging;

import io.journeyline.platform.cloudevents.IncomingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Idempotent consumption: records each event's (source, id) in {@code processed_events} in the same
 * transaction as the state change, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Runs {@code work} unless this event was processed before. Call inside a reactive transaction: if
     * the work fails, the marker rolls back with it and a redelivery runs it again.
     *
     * @return true if the work ran, false for a duplicate
     */
    public Uni<Boolean> once(IncomingEvent event, Supplier<Uni<?>> work) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into processed_events (source, event_id, type, processed_at) "
                                        + "values (?1, ?2, ?3, now()) on conflict do nothing")
                        .setParameter(1, event.source())
                        .setParameter(2, event.id())
                        .setParameter(3, event.type().type())
                        .executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(false)
                        : work.get().replaceWith(true));
    }
}
