package io.journeyline.journey.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.journey.domain.TimelineEntry;
import io.journeyline.journey.domain.TimelineSummary;
import io.journeyline.journey.persistence.ContactCountRepository;
import io.journeyline.journey.persistence.CustomerRepository;
import io.journeyline.journey.persistence.IdentityRepository;
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
    /** The source of journey-service's own entries (as the outbox names it). */
    public static final String OWN_SOURCE = "/journeyline/journey-service";
    private final TimelineRepository timeline;
    private final CustomerRepository customers;
    private final IdentityRepository identities;
    private final ContactCountRepository contacts;
    private final Clock clock;

    public TimelineService(TimelineRepository timeline, CustomerRepository customers, IdentityRepository identities,
                           ContactCountRepository contacts, Clock clock) {
        this.timeline = timeline;
        this.customers = customers;
        this.identities = identities;
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * Adds first-seen events to their customers' timelines with set-based statements, inside the consumer's batch
     * transaction (the pipeline has already deduplicated them), and counts their contacts in the same transaction.
     */
    public Uni<Void> record(List<IncomingEvent> events) {
        return customers.recordEvents(events).chain(() -> timeline.insert(events.stream().map(this::entryOf).toList()))
                .chain(() -> contacts.add(events));
    }

    /**
     * One page of a customer's timeline, newest first, with the events of the customers linked to it; 404 when the
     * customer has no events at all.
     */
    @WithSession
    public Uni<List<TimelineEntry>> page(TimelineRepository.Query query) {
        return identities.group(query.customerId()).chain(group -> group.isPresent()
                ? timeline.page(query, group.get().members())
                : Uni.createFrom().failure(ProblemException.notFound("customer", query.customerId())));
    }

    /**
     * An entry journey-service adds itself beside the raw events: a stage change, a pain point, an intervention
     * (published, so {@code eventId} is the published event's id) or a suppressed one (never published).
     */
    public record OwnEntry(String customerId, String eventId, String type, OffsetDateTime occurredAt, String summary,
                           JsonNode data) {

        /** The entry of an event journey-service published. */
        public static OwnEntry of(JourneyEvent event, String eventId, OffsetDateTime occurredAt) {
            EventType type = EventType.of(event);
            JsonNode data = EventJson.mapper().valueToTree(event);
            return new OwnEntry(event.customerId(), eventId, type.type(), occurredAt, TimelineSummary.of(type, data), data);
        }
    }

    /** Adds journey-service's own entries, in the caller's transaction. */
    public Uni<Void> recordOwn(List<OwnEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return timeline.insert(entries.stream().map(own -> {
            TimelineEntry entry = new TimelineEntry();
            entry.customerId = own.customerId();
            entry.eventSource = OWN_SOURCE;
            entry.eventId = own.eventId();
            entry.type = own.type();
            entry.occurredAt = own.occurredAt();
            entry.touchpoint = own.data().hasNonNull("touchpoint") ? own.data().get("touchpoint").asText() : null;
            entry.summary = own.summary();
            entry.data = own.data().toString();
            entry.recordedAt = now;
            return entry;
        }).toList());
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
