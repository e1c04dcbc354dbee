package io.journeyline.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;

/**
 * The largest record this service's producer sends ({@code max.request.size} of the {@value KafkaOut#CHANNEL} channel,
 * set by {@code journeyline.kafka.max-record-size}), and a record's size as the producer measures it against that
 * limit. What is checked here is the serialised record — key, value and headers, after JSON was written out again —
 * so an event that passed the door is one Kafka takes.
 */
@ApplicationScoped
public class RecordSizeLimit {
    private final int limit;

    public RecordSizeLimit(@ConfigProperty(name = "mp.messaging.outgoing.kafka-out.max.request.size") int limit) {
        this.limit = limit;
    }

    /** The limit, in bytes. */
    public int limit() {
        return limit;
    }

    /** Kafka's own upper bound of the record's size (what {@code KafkaProducer} compares with the limit). */
    public static int sizeOf(String key, byte[] value, Headers headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers.toArray());
    }

    /** Whether a record of {@code size} bytes is within the limit. */
    public boolean fits(int size) {
        return size <= limit;
    }
}
