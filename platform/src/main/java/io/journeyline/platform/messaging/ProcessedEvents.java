package io.journeyline.platform.messaging;

import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Idempotent consumption: records each event's (source, id) in {@code processed_events} in the same
 * transaction as the state change, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {
    private final Clock clock;

    public ProcessedEvents(Clock clock) {
        this.clock = clock;
    }

    /** Separates source and id in the keys the insert returns (chr(31)); a control character no URI or id contains. */
    private static final char SEPARATOR = '\u001f';

    /**
     * Marks the events as processed and returns those seen for the first time, in their original order
     * (an event twice in the list counts once). Call inside the reactive transaction that processes the
     * returned events: if that fails, the marks roll back with it and a redelivery processes them again.
     */
    public Uni<List<IncomingEvent>> firstSeen(List<IncomingEvent> events) {
        Map<String, IncomingEvent> distinct = new LinkedHashMap<>();
        events.forEach(event -> distinct.putIfAbsent(key(event.source(), event.id()), event));
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Object[]> rows = distinct.values().stream()
                .map(event -> new Object[]{event.source(), event.id(), event.type().type(), now})
                .toList();
        return Transactions.inCallersTransaction("ProcessedEvents.firstSeen", session -> MultiRowStatement.of(
                                "insert into processed_events (source, event_id, type, processed_at) select * from",
                                "text, text, text, timestamptz", rows,
                                "on conflict do nothing returning source || chr(31) || event_id")
                        .getResultList(session, String.class))
                .map(inserted -> {
                    Set<String> fresh = Set.copyOf(inserted);
                    return distinct.entrySet().stream().filter(entry -> fresh.contains(entry.getKey()))
                            .map(Map.Entry::getValue).collect(Collectors.toList());
                });
    }

    private static String key(String source, String id) {
        return source + SEPARATOR + id;
    }
}
