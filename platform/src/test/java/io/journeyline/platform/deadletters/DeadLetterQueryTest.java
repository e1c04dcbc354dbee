package io.journeyline.platform.deadletters;

import io.journeyline.platform.messaging.DeadLetters;
import io.journeyline.platform.problem.Problem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the dead-letter API: ids, cursors, filters and reading a dead letter. Not a @QuarkusTest. */
class DeadLetterQueryTest {
    private static final Set<String> TOPICS = Set.of("journey.touchpoints", "journey.feedback");

    @Test
    void anIdIsTheDeadLettersPlaceAndReadsBack() {
        DeadLetterId id = new DeadLetterId("journey.touchpoints.dlq", 2, 417);
        assertThat(id).hasToString("journey.touchpoints.dlq:2:417");
        assertThat(DeadLetterId.parse(id.toString())).contains(id);
        assertThat(DeadLetterId.parse("journey.touchpoints.dlq:2")).isEmpty();
        assertThat(DeadLetterId.parse("journey.touchpoints.dlq:-1:4")).isEmpty();
        assertThat(DeadLetterId.parse("a b:1:2")).isEmpty();
        assertThat(DeadLetterId.parse(null)).isEmpty();
    }

    @Test
    void aCursorIsOpaqueAndReadsBackOnlyWhenThisApiMadeIt() {
        DeadLetterCursor cursor = new DeadLetterCursor("journey.feedback.dlq", 1, 12345);
        String text = cursor.encode();
        assertThat(text).doesNotContain("journey").matches("[A-Za-z0-9_-]+");
        assertThat(DeadLetterCursor.decode(text)).contains(cursor);
        assertThat(DeadLetterCursor.decode("not a cursor")).isEmpty();
        assertThat(DeadLetterCursor.decode("")).isEmpty();
        assertThat(DeadLetterCursor.decode(java.util.Base64.getUrlEncoder().encodeToString(
                "v1\njourney.feedback.dlq\nx\n1".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(DeadLetterCursor.decode(java.util.Base64.getUrlEncoder().encodeToString(
                "v1\njourney.feedback.dlq\n1\n-5".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void aFilterNamesEveryBadFieldAtOnce() {
        List<Problem.FieldError> errors = new ArrayList<>();
        DeadLetterFilter.parse("no spaces allowed", "a/b", "journey.outbound", "yesterday", "2026-12-05", TOPICS, errors);
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("reason", "type", "topic", "from", "to");
        assertThat(errors.get(2).message()).contains("journey.feedback, journey.touchpoints");
    }

    @Test
    void aFilterWhoseEndIsNotAfterItsStartIsRefused() {
        List<Problem.FieldError> errors = new ArrayList<>();
        DeadLetterFilter.parse(null, null, null, "2026-12-05T10:00:00Z", "2026-12-05T10:00:00Z", TOPICS, errors);
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("to");
    }

    @Test
    void aFilterMatchesOnReasonTypeOriginalTopicAndAHalfOpenTimeRange() {
        List<Problem.FieldError> errors = new ArrayList<>();
        DeadLetterFilter filter = DeadLetterFilter.parse("schema-violation", "io.journeyline.touchpoint.recorded",
                "journey.touchpoints", "2026-12-05T10:00:00Z", "2026-12-05T11:00:00Z", TOPICS, errors);
        assertThat(errors).isEmpty();
        assertThat(filter.matches(deadLetter("schema-violation", "2026-12-05T10:00:00Z"))).isTrue();
        assertThat(filter.matches(deadLetter("schema-violation", "2026-12-05T11:00:00Z"))).isFalse();
        assertThat(filter.matches(deadLetter("schema-violation", "2026-12-05T09:59:59Z"))).isFalse();
        assertThat(filter.matches(deadLetter("processing-failed", "2026-12-05T10:30:00Z"))).isFalse();
        assertThat(DeadLetterFilter.ALL.matches(deadLetter("processing-failed", "2026-12-05T10:30:00Z"))).isTrue();
        assertThat(DeadLetterFilter.ALL.isEmpty()).isTrue();
        assertThat(filter.isEmpty()).isFalse();
    }

    @Test
    void aDeadLetterIsReadLenientlyAndPresentedAsItsOriginalRecordWithoutDlqHeaders() {
        DeadLetter structured = DeadLetter.of(record("""
                {"specversion":"1.0","id":"e1","source":"/crm","type":"io.journeyline.touchpoint.recorded",
                 "data":{"customerId":"cust-7"}}""".getBytes(StandardCharsets.UTF_8), "schema-violation", "2026-12-05T10:00:00Z"));
        assertThat(structured.type()).isEqualTo("io.journeyline.touchpoint.recorded");
        assertThat(structured.customerId()).isEqualTo("cust-7");
        assertThat(structured.payload().encoding()).isEqualTo("json");
        assertThat(structured.id()).isEqualTo(new DeadLetterId("journey.touchpoints.dlq", 0, 9));
        ConsumerRecord<String, byte[]> original = structured.original();
        assertThat(original.topic()).isEqualTo("journey.touchpoints");
        assertThat(original.partition()).isEqualTo(1);
        assertThat(original.offset()).isEqualTo(42);
        assertThat(original.headers().toArray()).extracting(h -> h.key()).containsExactly("content-type");

        assertThat(DeadLetter.of(record("{\"cut".getBytes(StandardCharsets.UTF_8), "x", "2026-12-05T10:00:00Z"))
                .payload()).satisfies(p -> assertThat(p.encoding()).isEqualTo("text"));
        assertThat(DeadLetter.of(record(new byte[]{(byte) 0xff, 0, 1}, "x", "2026-12-05T10:00:00Z")).payload())
                .isEqualTo(new DeadLetter.Payload("base64", "/wAB"));
    }

    private static DeadLetter deadLetter(String reason, String at) {
        return DeadLetter.of(record("""
                {"specversion":"1.0","type":"io.journeyline.touchpoint.recorded"}""".getBytes(StandardCharsets.UTF_8), reason, at));
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value, String reason, String at) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.ORIGINAL_TOPIC, "journey.touchpoints".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.ORIGINAL_PARTITION, "1".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.ORIGINAL_OFFSET, "42".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("journey.touchpoints.dlq", 0, 9, OffsetDateTime.parse(at).toInstant().toEpochMilli(),
                TimestampType.CREATE_TIME, -1, -1, "cust-7", value, headers, Optional.empty());
    }
}
