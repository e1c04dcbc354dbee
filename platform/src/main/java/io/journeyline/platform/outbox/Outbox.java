package io.journeyline.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventSchemas;
import io.journeyline.contract.Violation;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.AggregateEvent;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.platform.cloudevents.CloudEventCodec;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.RecordSizeLimit;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.common.header.Headers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events to the outbox inside the caller's transaction ({@code @WithTransaction}, or a consumer's batch);
 * {@link OutboxRelay} publishes them. Called outside a transaction it fails rather than commit alone. Every event a
 * service publishes is checked against its own schema before it is written ({@link BrokenContract}): a service never
 * publishes what its consumers must dead-letter. A user's command gets a 400 naming the event's bad fields (or a 413
 * when the event would be larger than Kafka takes); work caused by a consumed event or a timer fails permanently.
 *
 * <pre>{@code
 * outbox.publish(new CaseOpened(...), Cause.of(delivery.event()))   // caused by an event: derived id, trace continues
 * outbox.publish(new FeedbackReceived(...))                          // a new fact from a user's command: new id, new trace
 * outbox.publishOccurred(new FeedbackReceived(...), receivedAt)      // the same, for a fact that happened earlier
 * }</pre>
 */
@ApplicationScoped
public class Outbox {
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final Clock clock;
    private final Tracing tracing;
    private final RecordSizeLimit sizeLimit;
    private final EventSchemas schemas;
    private final String source;
    private final String publisher;

    @Inject
    public Outbox(Clock clock, Tracing tracing, RecordSizeLimit sizeLimit, EventSchemas schemas,
                  @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.clock = clock;
        this.tracing = tracing;
        this.sizeLimit = sizeLimit;
        this.schemas = schemas;
        this.source = "/journeyline/" + applicationName;
        this.publisher = applicationName;
    }

    /**
     * Records a new event of this service that nothing consumed caused (an HTTP command): a random id, a new trace.
     *
     * @return the CloudEvents id given to the event
     */
    public Uni<String> publish(JourneyEvent event) {
        return publishCommanded(event, null);
    }

    /**
     * Like {@link #publish(JourneyEvent)} for a fact that happened before it reached this service (feedback taken
     * earlier elsewhere, a survey answer given to an IVR): the CloudEvent's {@code time} is {@code occurredAt}, not now.
     *
     * @return the CloudEvents id given to the event
     */
    public Uni<String> publishOccurred(JourneyEvent event, OffsetDateTime occurredAt) {
        return publishCommanded(event, occurredAt);
    }

    /**
     * A user's command must not make an event its consumers would dead-letter or Kafka would refuse: a 400 naming the
     * event's bad fields, or a 413, before anything is written.
     */
    private Uni<String> publishCommanded(JourneyEvent event, OffsetDateTime occurredAt) {
        return Uni.createFrom().deferred(() -> {
            OutboxEvent row;
            try {
                row = row(event, UUID.randomUUID().toString(), null);
            } catch (BrokenContract broken) {
                return Uni.createFrom().failure(ProblemException.badRequest("the " + broken.type().type()
                        + " event this request makes would break the event contract", broken.violations().stream()
                        .map(v -> Problem.FieldError.of(v.field(), v.message() + " (in the " + broken.type().type()
                                + " event)")).toList()));
            }
            if (occurredAt != null) {
                row.occurredAt = occurredAt;
            }
            return refuseTooLarge(row).chain(() -> insert("Outbox.publish", List.of(row))).replaceWith(row.eventId);
        });
    }

    /**
     * An event this service was about to publish breaks its own schema: every consumer would dead-letter it. Thrown
     * before anything is written; a consumer's or timer's work that caused it fails permanently (and is dead-lettered
     * as {@code processing-failed}, naming the fields).
     */
    public static final class BrokenContract extends IllegalStateException {
        private final transient EventType type;
        private final transient List<Violation> violations;

        BrokenContract(EventType type, List<Violation> violations) {
            super("the " + type.type() + " event would break the event contract: " + violations.stream()
                    .map(v -> v.field() + ": " + v.message()).collect(java.util.stream.Collectors.joining("; ")));
            this.type = type;
            this.violations = violations;
        }

        public EventType type() {
            return type;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /**
     * Records an event caused by a consumed event or a fired timer: its id is derived from the cause, so doing the
     * same work again publishes the same id; its {@code traceparent} continues the cause's trace.
     *
     * @return the CloudEvents id given to the event
     */
    public Uni<String> publish(JourneyEvent event, Cause cause) {
        return publish(event, cause.eventId(EventType.of(event)), cause.traceparent());
    }

    /** An event and what caused it, for {@link #publishAll}. */
    public record Publication(JourneyEvent event, Cause cause) {
    }

    /**
     * Records several caused events in one statement, in list order (set-based work that publishes many at once);
     * the same ids as publishing each with {@link #publish(JourneyEvent, Cause)}.
     *
     * @return the CloudEvents ids, in list order
     */
    public Uni<List<String>> publishAll(List<Publication> publications) {
        if (publications.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().deferred(() -> {
            List<OutboxEvent> rows = publications.stream().map(p -> row(p.event(),
                    p.cause().eventId(EventType.of(p.event())), p.cause().traceparent())).toList();
            return insert("Outbox.publishAll", rows).replaceWith(rows.stream().map(row -> row.eventId).toList());
        });
    }

    private Uni<String> publish(JourneyEvent event, String id, String parentTraceparent) {
        return Uni.createFrom().deferred(() -> insert("Outbox.publish", List.of(row(event, id, parentTraceparent))))
                .replaceWith(id);
    }

    /** The row of an event this service publishes, checked against the event's schema first. */
    private OutboxEvent row(JourneyEvent event, String id, String parentTraceparent) {
        EventType type = EventType.of(event);
        JsonNode data = MAPPER.valueToTree(event);
        List<Violation> violations = schemas.validateData(type, data);
        if (!violations.isEmpty()) {
            throw new BrokenContract(type, violations);
        }
        Span span = tracing.start("publish " + type.type(), SpanKind.PRODUCER, parentTraceparent);
        span.setAttribute(Tracing.EVENT_ID, id);
        span.end();
        String extensions = MAPPER.valueToTree(Map.of(IncomingEvent.TRACEPARENT, Tracing.traceparent(span))).toString();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String key = event instanceof AggregateEvent aggregate ? aggregate.aggregateKey() : event.customerId();
        return row(id, source, type, key, now, data.toString(), extensions);
    }

    /** Forwards events another system sent (HTTP ingest) unchanged: same id, source, time and extensions. */
    public Uni<Void> forwardAll(List<IncomingEvent> events) {
        return insert("Outbox.forwardAll", events.stream().map(this::forwardRow).toList());
    }

    /**
     * The size of the Kafka record {@link #forwardAll} would make of {@code event} — its data written out again, with
     * the CloudEvents headers — as the producer measures it; what HTTP ingest holds to {@link RecordSizeLimit} before
     * it accepts anything, so no accepted event is one Kafka refuses.
     */
    public int recordSize(IncomingEvent event) {
        return sizeOf(forwardRow(event));
    }

    private OutboxEvent forwardRow(IncomingEvent event) {
        // an aggregate event (no customer) is keyed by its id: its producer's key is not in the envelope
        return row(event.id(), event.source(), event.type(), event.customerId() != null ? event.customerId() : event.id(),
                event.time(), event.data().toString(), event.extensionsJson());
    }

    /**
     * A user's command must not make an event Kafka refuses: 413 now, instead of a row the relay would have to park.
     * (Events caused by consumed events or timers are not refused here: their cause is already accepted.)
     */
    private Uni<Void> refuseTooLarge(OutboxEvent row) {
        int size = sizeOf(row);
        return sizeLimit.fits(size) ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new ProblemException(
                Problem.of("payload-too-large", "Payload Too Large", 413, "the " + row.type + " event this request makes would be "
                        + size + " bytes as a Kafka record; the limit is " + sizeLimit.limit(), List.of())));
    }

    private static int sizeOf(OutboxEvent row) {
        return KafkaRecord.of(row).size();
    }

    /**
     * The Kafka record a row becomes — binary mode: its data as the value, CloudEvents headers — and its size as the
     * producer measures it: what the relay sends and what the door measures, one way.
     */
    record KafkaRecord(String key, byte[] value, Headers headers, Map<String, String> extensions, int size) {
        static KafkaRecord of(OutboxEvent row) {
            byte[] data = row.data.getBytes(StandardCharsets.UTF_8);
            Map<String, String> extensions = row.extensions == null ? Map.of() : readExtensions(row.extensions);
            Headers headers = CloudEventCodec.binaryModeHeaders(row.topic, row.eventId, row.source, row.type,
                    row.occurredAt, row.recordKey, data, extensions);
            return new KafkaRecord(row.recordKey, data, headers, extensions,
                    RecordSizeLimit.sizeOf(row.recordKey, data, headers));
        }
    }

    /** Extension attributes as stored (a JSON object of strings). */
    static Map<String, String> readExtensions(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable outbox extensions: " + json, e);
        }
    }

    /** One multi-row insert: the identity column then numbers the rows in order, which the relay publishes by. */
    private Uni<Void> insert(String api, List<OutboxEvent> rows) {
        List<Object[]> values = rows.stream().map(row -> new Object[]{row.eventId, row.source, row.type, row.topic,
                row.recordKey, row.occurredAt, row.data, row.extensions, row.createdAt}).toList();
        return Transactions.inCallersTransaction(api, session -> MultiRowStatement.of("insert into outbox_events "
                        + "(event_id, source, type, topic, record_key, occurred_at, data, extensions, created_at) select * from",
                "text, text, text, text, text, timestamptz, text, text, timestamptz", values, "").executeUpdate(session)).replaceWithVoid();
    }

    private OutboxEvent row(String id, String source, EventType type, String recordKey, OffsetDateTime time,
                            String data, String extensions) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = id;
        row.source = source;
        row.type = type.type();
        row.topic = type.topicFor(publisher);
        row.recordKey = recordKey;
        row.occurredAt = time;
        row.data = data;
        row.extensions = extensions;
        row.createdAt = OffsetDateTime.now(clock);
        return row;
    }
}
