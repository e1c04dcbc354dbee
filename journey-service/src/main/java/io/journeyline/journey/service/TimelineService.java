package io.journeyline.journey.service;

import io.journeyline.journey.domain.TimelineEntry;
import io.journeyline.journey.domain.TimelineSummary;
import io.journeyline.journey.persistence.CustomerRepository;
import io.journeyline.journey.persistence.TimelineRepository;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Builds and reads customers' timelines. */
@ApplicationScoped
public class TimelineService {
    private final TimelineRepository timeline;
    private final CustomerRepository customers;
    private final Clock clock;

    public TimelineService(TimelineRepository timeline, CustomerRepository customers, Clock clock) {
        this.timeline = timeline;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Adds first-seen events to their customers' timelines with set-based statements, inside the consumer's batch
     * transaction (the pipeline has already deduplicated them).
     */
    public Uni<Void> record(List<IncomingEvent> events) {
        return customers.recordEvents(events).chain(() -> timeline.persist(events.stream().map(this::entryOf)));
    }

    /** One page of a customer's timeline, newest first; 404 when the customer has no events at all. */
    @WithSession
    public Uni<List<TimelineEntry>> page(TimelineRepository.Query query) {
        return customers.exists(query.customerId())
                .chain(exists -> exists ? timeline.page(query)
                        : Uni.createFrom().failure(ProblemException.notFound("customer", query.customerId())));
    }

    private TimelineEntry entryOf(IncomingEvent event) {
        TimelineEntry entry = new TimelineEntry();
        entry.customerId = event.customerId();
        entry.eventSource = event.source();
        entry.eventId = event.id();
        entry.type = event.type().type();
        entry.occurredAt = event.time();
        entry.channel = event.dataText("channel");
        entry.touchpoint = event.dataText("touchpoint");
        entry.summary = TimelineSummary.of(event);
        entry.data = event.data().toString();
        entry.extensions = event.extensionsJson();
        entry.recordedAt = OffsetDateTime.now(clock);
        return entry;
    }
}
