package io.journeyline.platform.cloudevents;

import io.journeyline.contract.EventLimits;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading records as other systems send them, including the hostile ones. */
class CloudEventCodecTest {

    @Test
    void aBinaryModeValueNestedTooDeepIsASchemaViolationOfTheFieldInData() {
        String data = "{\"customerId\":\"c-1\",\"attributes\":" + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("journey.touchpoints", 0, 0, "c-1",
                data.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/app".getBytes(StandardCharsets.UTF_8))
                .add("ce_type", "io.journeyline.touchpoint.recorded".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventCodec.readKafkaRecord(record))
                .isInstanceOfSatisfying(MalformedEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo("schema-violation");
                    assertThat(e.field()).startsWith("data.attributes.a.a");
                    assertThat(e.problem()).isEqualTo(EventLimits.TOO_DEEP);
                });
    }

    @Test
    void aStructuredModeValueNestedTooDeepNamesTheFieldFromTheEnvelope() {
        String value = "{\"specversion\":\"1.0\",\"data\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("journey.touchpoints", 0, 0, "c-1",
                value.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventCodec.readKafkaRecord(record))
                .isInstanceOfSatisfying(MalformedEventException.class, e ->
                        assertThat(e.field()).isEqualTo("data" + ".a".repeat(EventLimits.MAX_DEPTH - 1)));
    }

    @Test
    void aNumberOfAThousandDigitsIsNamedAsSuchNotAsNesting() {
        String value = "{\"specversion\":\"1.0\",\"data\":{\"customerId\":\"c-1\",\"n\":" + "9".repeat(1_001) + "}}";
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("journey.touchpoints", 0, 0, "c-1",
                value.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEventCodec.readKafkaRecord(record))
                .isInstanceOfSatisfying(MalformedEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo("schema-violation");
                    assertThat(e.field()).isEqualTo("data.n");
                    assertThat(e.problem()).contains("Number value length (1001)").contains("I-JSON")
                            .isNotEqualTo(EventLimits.TOO_DEEP);
                });
    }

    @Test
    void invalidUtf8IsMalformedJson() {
        byte[] value = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("journey.touchpoints", 0, 0, "c-1", value);

        assertThatThrownBy(() -> CloudEventCodec.readKafkaRecord(record))
                .isInstanceOfSatisfying(MalformedEventException.class, e -> assertThat(e.reason()).isEqualTo("malformed-json"));
    }
}
