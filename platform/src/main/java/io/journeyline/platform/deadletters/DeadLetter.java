package io.journeyline.platform.deadletters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.platform.messaging.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One record of a dead-letter topic, read leniently: what its {@code dlq-*} headers say (reason, detail, where it came
 * from, which consumer and channel), and what can be read of the event it carries (CloudEvents type and customer) —
 * which may be nothing, as it may be the very record that could not be read.
 */
public record DeadLetter(DeadLetterId id, ConsumerRecord<String, byte[]> record, String originalTopic,
                         int originalPartition, long originalOffset, String reason, String detail, String consumer,
                         String channel, OffsetDateTime deadLetteredAt, String type, String customerId,
                         String truncation) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Reads a record of a dead-letter topic. */
    public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        JsonNode value = json(record.value()).orElse(null);
        boolean binary = record.headers().lastHeader("ce_specversion") != null;
        String type = binary ? header(record, "ce_type") : text(value, "type");
        String subject = binary ? header(record, "ce_subject") : text(value, "subject");
        String customer = subject != null ? subject : text(binary ? value : value == null ? null : value.get("data"), "customerId");
        return new DeadLetter(new DeadLetterId(record.topic(), record.partition(), record.offset()), record,
                header(record, DeadLetters.ORIGINAL_TOPIC), number(header(record, DeadLetters.ORIGINAL_PARTITION)).intValue(),
                number(header(record, DeadLetters.ORIGINAL_OFFSET)), header(record, DeadLetters.REASON),
                header(record, DeadLetters.DETAIL), header(record, DeadLetters.CONSUMER), header(record, DeadLetters.CHANNEL),
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC), type, customer,
                header(record, DeadLetters.TRUNCATED));
    }

    /** A copy cut to fit the broker's limit: it is not the whole record, so it cannot be replayed. */
    public boolean truncated() {
        return truncation != null;
    }

    /** The record as its channel first received it: original topic, partition and offset, headers without {@code dlq-*}. */
    public ConsumerRecord<String, byte[]> original() {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DeadLetters.HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        return new ConsumerRecord<>(originalTopic, originalPartition, originalOffset, record.timestamp(),
                TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), headers, Optional.empty());
    }

    /** The record's headers as text (invalid UTF-8 replaced); a name sent twice keeps its last value. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** The value as JSON when it parses as such, else as text when it is UTF-8, else base64. */
    public Payload payload() {
        byte[] value = record.value();
        if (value == null) {
            return new Payload("none", null);
        }
        Optional<JsonNode> json = json(value);
        if (json.isPresent()) {
            return new Payload("json", json.get());
        }
        try {
            return new Payload("text", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            return new Payload("base64", java.util.Base64.getEncoder().encodeToString(value));
        }
    }

    /** A record's value as an API shows it: {@code encoding} json, text, base64, or none (no value). */
    public record Payload(String encoding, Object value) {
    }

    private static Optional<JsonNode> json(byte[] value) {
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(value));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.isObject() && node.path(field).isTextual() ? node.get(field).asText() : null;
    }

    private static Long number(String text) {
        try {
            return text == null ? -1L : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
