package io.journeyline.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The one way a service writes to Kafka: the {@value #CHANNEL} channel, with topic, key and headers per
 * record. Used by the outbox relay and the dead-letter publisher only; business code writes to the outbox.
 */
@ApplicationScoped
public class KafkaOut {
    /** Outgoing channel name; configured once in the platform's defaults. */
    public static final String CHANNEL = "kafka-out";

    private final MutinyEmitter<byte[]> emitter;

    public KafkaOut(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Sends one record; the Uni completes when Kafka has acknowledged it (acks=all). */
    public Uni<Void> send(String topic, String key, byte[] value, Headers headers) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(value, Metadata.of(metadata)));
    }
}
