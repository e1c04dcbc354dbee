package io.journeyline.platform.privacy;

import io.journeyline.contract.EventType;
import io.journeyline.contract.Topics;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps erased customers erased: a consumer's batch drops the events of a customer with a tombstone
 * ({@code platform_erasures}) that are dated at or before the erasure — late producers, replays, a redelivery — and
 * counts them ({@code journeyline_events_erased_total{channel,type}}). Events from Journeyline's own services are
 * dropped up to {@code journeyline.privacy.echo-window} after it: they echo work done before their service processed
 * the erasure. Events dated after it (the person came back) are processed, and so is an erasure asked for again.
 */
@ApplicationScoped
public class Tombstones {
    private final Pseudonyms pseudonyms;
    private final PrivacyConfig config;
    private final MeterRegistry registry;

    public Tombstones(Pseudonyms pseudonyms, PrivacyConfig config, MeterRegistry registry) {
        this.pseudonyms = pseudonyms;
        this.config = config;
        this.registry = registry;
    }

    /**
     * The events of {@code events} that concern no erased customer, in order. Runs in the batch's transaction: its
     * check waits for an erasure in progress ({@link Erasures} holds the table's lock until it commits).
     */
    public Uni<List<IncomingEvent>> withoutErased(String channel, List<IncomingEvent> events) {
        if (events.stream().anyMatch(event -> event.type() == EventType.ERASURE_REQUESTED)) {
            // an erasure asked for (again) is never dropped; its batch takes the lock the erasure will take, first, so
            // two batches erasing at once queue instead of each holding the check's lock while waiting for the other's
            return Transactions.inCallersTransaction("Tombstones.withoutErased", session -> session
                            .createNativeQuery(Erasures.LOCK).executeUpdate())
                    .chain(() -> withoutErased(channel, events.stream()
                            .filter(event -> event.type() != EventType.ERASURE_REQUESTED).toList(), false))
                    .map(kept -> events.stream().filter(event -> event.type() == EventType.ERASURE_REQUESTED
                            || kept.contains(event)).toList());
        }
        return withoutErased(channel, events, true);
    }

    private Uni<List<IncomingEvent>> withoutErased(String channel, List<IncomingEvent> events, boolean share) {
        Map<IncomingEvent, String> hmacs = new HashMap<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (IncomingEvent event : events) {
            if (event.customerId() != null) {
                String hmac = pseudonyms.of(event.customerId());
                hmacs.put(event, hmac);
                distinct.add(hmac);
            }
        }
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        return Transactions.inCallersTransaction("Tombstones.withoutErased", session -> session.createNativeQuery(
                                "select customer_hmac, erased_before from platform_erasures where customer_hmac "
                                        + SqlArrays.anyOf(1, "text") + (share ? " for share" : ""), Object[].class)
                        .setParameter(1, SqlArrays.of(distinct)).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return events;
                    }
                    Map<String, OffsetDateTime> erasedBefore = new HashMap<>();
                    rows.forEach(row -> erasedBefore.put((String) row[0], (OffsetDateTime) row[1]));
                    return events.stream().filter(event -> {
                        OffsetDateTime erased = erasedBefore.get(hmacs.get(event));
                        if (erased == null || event.time().isAfter(horizon(event, erased))) {
                            return true;
                        }
                        registry.counter("journeyline.events.erased", "channel", channel, "type", event.type().type())
                                .increment();
                        return false;
                    }).toList();
                });
    }

    private OffsetDateTime horizon(IncomingEvent event, OffsetDateTime erased) {
        return event.source().startsWith(Topics.RESERVED_SOURCE_PREFIX) ? erased.plus(config.echoWindow()) : erased;
    }
}
