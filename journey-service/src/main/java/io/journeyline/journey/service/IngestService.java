package io.journeyline.journey.service;

import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Accepts validated events from HTTP ingest: all of a batch are written to the outbox in one
 * transaction, so a batch is published whole or not at all, and survives a crash once answered 202.
 * Each request is a span; an event that carries no {@code traceparent} of its own gets the request's, so its trace
 * runs on through Kafka and every consumer.
 */
@ApplicationScoped
public class IngestService {
    private final Outbox outbox;
    private final Tracing tracing;

    public IngestService(Outbox outbox, Tracing tracing) {
        this.outbox = outbox;
        this.tracing = tracing;
    }

    /**
     * @param requestTraceparent the HTTP request's {@code traceparent} header, or null
     */
    @WithTransaction
    public Uni<Void> accept(List<IncomingEvent> events, String requestTraceparent) {
        Span span = tracing.start("ingest", SpanKind.SERVER, requestTraceparent);
        span.setAttribute("journeyline.events", events.size());
        String traceparent = Tracing.traceparent(span);
        List<IncomingEvent> traced = events.stream()
                .map(event -> event.traceparent() != null ? event : event.withExtension(IncomingEvent.TRACEPARENT, traceparent))
                .toList();
        return outbox.forwardAll(traced)
                .onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(List.of(span), failure));
    }
}
