package io.journeyline.journey.service;

import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Accepts validated events from HTTP ingest: all of a batch are written to the outbox in one
 * transaction, so a batch is published whole or not at all, and survives a crash once answered 202.
 */
@ApplicationScoped
public class IngestService {
    private final Outbox outbox;

    public IngestService(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Void> accept(List<IncomingEvent> events) {
        return outbox.forwardAll(events);
    }
}
