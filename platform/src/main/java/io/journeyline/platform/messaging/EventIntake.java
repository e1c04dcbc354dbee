package io.journeyline.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventSchemas;
import io.journeyline.contract.Violation;
import io.journeyline.platform.cloudevents.CloudEventCodec;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.cloudevents.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one consumer pipeline. A channel delivers each poll as a batch ({@code batch=true}); every record is
 * read as a CloudEvent (binary or structured mode) and validated against the contract. Records that break
 * it go to the dead-letter topic; the valid ones, in partition order, go to the service in one call, so
 * it can record them in one transaction. A failure of the service's own processing is retried with
 * back-off and then fails the channel (readiness DOWN, offsets not committed), so good data is never
 * skipped: after a restart the batch is delivered again and deduplication absorbs what was done.
 */
@ApplicationScoped
public class EventIntake {
    private final EventSchemas schemas;
    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final int retries;

    public EventIntake(EventSchemas schemas, DeadLetters deadLetters, MeterRegistry registry,
                       @ConfigProperty(name = "journeyline.consumer.retries", defaultValue = "5") int retries) {
        this.schemas = schemas;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.retries = retries;
    }

    /** Dead-letters the records that break the contract and passes the others to {@code handler}. */
    public Uni<Void> accept(ConsumerRecords<String, byte[]> records, Function<List<IncomingEvent>, Uni<Void>> handler) {
        List<IncomingEvent> events = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(read(record));
            } catch (MalformedEventException e) {
                rejected.add(deadLetters.send(record, e.reason(), e.getMessage()));
            }
        }
        Uni<Void> deadLettered = rejected.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        Uni<Void> processed = events.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().deferred(() -> handler.apply(events))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(retries)
                .invoke(() -> events.forEach(event -> registry.counter("journeyline.events.consumed",
                        "type", event.type().type()).increment()));
        return deadLettered.chain(() -> processed);
    }

    private IncomingEvent read(ConsumerRecord<String, byte[]> record) {
        JsonNode envelope = CloudEventCodec.readKafkaRecord(record);
        List<Violation> violations = schemas.validate(envelope);
        if (!violations.isEmpty()) {
            String reason = violations.stream().anyMatch(v -> v.field().equals("type") && v.message().startsWith("unknown"))
                    ? "unknown-type" : "schema-violation";
            throw new MalformedEventException(reason, describe(violations));
        }
        return IncomingEvent.fromValidEnvelope(envelope);
    }

    /** Violations as one line: {@code data.channel: does not have a value in the enumeration …; …}. */
    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }
}
