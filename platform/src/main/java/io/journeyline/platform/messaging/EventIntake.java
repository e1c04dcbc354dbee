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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one consumer pipeline: read a Kafka record as a CloudEvent (binary or structured mode), validate
 * it against the contract, and hand it to the service. Records that break the contract go to the
 * dead-letter topic and the consumer goes on. A failure of the service's own processing is retried with
 * back-off and then fails the channel (readiness DOWN, offset not committed), so good data is never
 * skipped: after a restart the record is delivered again.
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

    /** Validates {@code record} and passes it to {@code handler}, or dead-letters it with the reason. */
    public Uni<Void> accept(ConsumerRecord<String, byte[]> record, Function<IncomingEvent, Uni<Void>> handler) {
        JsonNode envelope;
        try {
            envelope = CloudEventCodec.readKafkaRecord(record);
        } catch (MalformedEventException e) {
            return deadLetters.send(record, e.reason(), e.getMessage());
        }
        List<Violation> violations = schemas.validate(envelope);
        if (!violations.isEmpty()) {
            String reason = violations.stream().anyMatch(v -> v.field().equals("type") && v.message().startsWith("unknown"))
                    ? "unknown-type" : "schema-violation";
            return deadLetters.send(record, reason, describe(violations));
        }
        IncomingEvent event;
        try {
            event = IncomingEvent.fromValidEnvelope(envelope);
        } catch (MalformedEventException e) {
            return deadLetters.send(record, e.reason(), e.getMessage());
        }
        return Uni.createFrom().deferred(() -> handler.apply(event))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(retries)
                .invoke(() -> registry.counter("journeyline.events.consumed", "topic", record.topic(),
                        "type", event.type().type()).increment());
    }

    /** Violations as one line: {@code data.channel: does not have a value in the enumeration …; …}. */
    public static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }
}
