package io.journeyline.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Writes events to the outbox inside the caller's transaction; {@link OutboxRelay} publishes them.
 * Call it from a method that runs in a reactive transaction ({@code @WithTransaction}).
 */
@ApplicationScoped
public class Outbox {
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final Clock clock;
    private final String source;

    @Inject
    public Outbox(Clock clock, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.clock = clock;
        this.source = "/journeyline/" + applicationName;
    }

    /**
     * Records a new event of this service, to be published to its type's topic.
     *
     * @return the CloudEvents id given to the event
     */
    public Uni<String> publish(JourneyEvent event) {
        EventType type = EventType.of(event);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OutboxEvent row = row(UUID.randomUUID().toString(), source, type, event.customerId(), now,
                MAPPER.valueToTree(event).toString(), null);
        return insert(List.of(row)).replaceWith(row.eventId);
    }

    /** Forwards events another system sent (HTTP ingest) unchanged: same id, source, time and extensions. */
    public Uni<Void> forwardAll(List<IncomingEvent> events) {
        return insert(events.stream()
                .map(event -> row(event.id(), event.source(), event.type(), event.customerId(), event.time(),
                        event.data().toString(), event.extensionsJson()))
                .toList());
    }

    /** One multi-row insert: the identity column then numbers the rows in order, which the relay publishes by. */
    private Uni<Void> insert(List<OutboxEvent> rows) {
        List<Object[]> values = rows.stream().map(row -> new Object[]{row.eventId, row.source, row.type, row.topic,
                row.recordKey, row.occurredAt, row.data, row.extensions, row.createdAt}).toList();
        return Panache.getSession().chain(session -> MultiRowStatement.of("insert into outbox_events "
                        + "(event_id, source, type, topic, record_key, occurred_at, data, extensions, created_at) values",
                values, "").executeUpdate(session)).replaceWithVoid();
    }

    private OutboxEvent row(String id, String source, EventType type, String customerId, OffsetDateTime time,
                            String data, String extensions) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = id;
        row.source = source;
        row.type = type.type();
        row.topic = type.topic();
        row.recordKey = customerId;
        row.occurredAt = time;
        row.data = data;
        row.extensions = extensions;
        row.createdAt = OffsetDateTime.now(clock);
        return row;
    }
}
