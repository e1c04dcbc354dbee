package io.journeyline.journey.service;

import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.RecordSizeLimit;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
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
    private final RecordSizeLimit sizeLimit;

    public IngestService(Outbox outbox, Tracing tracing, RecordSizeLimit sizeLimit) {
        this.outbox = outbox;
        this.tracing = tracing;
        this.sizeLimit = sizeLimit;
    }

    /**
     * Accepts the events, or none of them: an event whose Kafka record would be larger than Kafka takes (measured
     * after it is written out again, with its headers and the trace ingest adds) makes the request a 413 naming it.
     *
     * @param requestTraceparent the HTTP request's {@code traceparent} header, or null
     * @param batch              whether the events came as a batch (errors then name each event's index)
     */
    @WithTransaction
    public Uni<Void> accept(List<IncomingEvent> events, String requestTraceparent, boolean batch) {
        Span span = tracing.start("ingest", SpanKind.SERVER, requestTraceparent);
        span.setAttribute("journeyline.events", events.size());
        String traceparent = Tracing.traceparent(span);
        List<IncomingEvent> traced = events.stream()
                .map(event -> event.traceparent() != null ? event : event.withExtension(IncomingEvent.TRACEPARENT, traceparent))
                .toList();
        List<Problem.FieldError> tooLarge = new ArrayList<>();
        for (int i = 0; i < traced.size(); i++) {
            int size = outbox.recordSize(traced.get(i));
            if (!sizeLimit.fits(size)) {
                tooLarge.add(new Problem.FieldError(batch ? i : null, traced.get(i).id(), "(event)", "is " + size
                        + " bytes as a Kafka record once written out (data and CloudEvents headers); the limit is "
                        + sizeLimit.limit()));
            }
        }
        Uni<Void> accepted = tooLarge.isEmpty() ? outbox.forwardAll(traced)
                : Uni.createFrom().failure(new ProblemException(Problem.of("payload-too-large", "Payload Too Large", 413,
                tooLarge.size() + " of " + traced.size() + " events are too large for Kafka; none was accepted", tooLarge)));
        return accepted.onTermination().invoke((ignored, failure, cancelled) -> Tracing.end(List.of(span), failure));
    }
}
