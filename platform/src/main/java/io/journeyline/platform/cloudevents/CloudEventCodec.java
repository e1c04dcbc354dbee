package io.journeyline.platform.cloudevents;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventLimits;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns CloudEvents on the wire into structured-mode JSON for validation, and events into
 * binary-mode Kafka records. Kafka binding and attribute handling come from the CloudEvents SDK.
 */
public final class CloudEventCodec {
    /** Structured mode's content type. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    /** A JSON array of structured-mode events (CloudEvents JSON batch format). */
    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private CloudEventCodec() {
    }

    /** The events of an HTTP body: one object, or for a batch an array of objects. */
    public static List<JsonNode> readHttpBody(byte[] body, boolean batch) {
        JsonNode root = parseJson(body, "");
        if (!batch) {
            return List.of(requireObject(root));
        }
        if (!root.isArray()) {
            throw new MalformedEventException("not-an-array", "a batch must be a JSON array of CloudEvents");
        }
        List<JsonNode> events = new ArrayList<>(root.size());
        root.forEach(events::add);
        return events;
    }

    /**
     * A Kafka record as structured-mode JSON. Binary mode ({@code ce_*} headers) and structured mode
     * ({@code content-type: application/cloudevents+json}, or a JSON value with {@code specversion}
     * and no {@code ce_*} headers, as plain console producers send it) are both accepted.
     */
    public static JsonNode readKafkaRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new MalformedEventException("not-a-cloudevent", "record has no value");
        }
        if (record.headers().lastHeader("ce_specversion") == null) {
            JsonNode value = requireObject(parseJson(record.value(), ""));
            if (!value.has("specversion")) {
                throw new MalformedEventException("not-a-cloudevent",
                        "no ce_specversion header (binary mode) and no specversion in the value (structured mode)");
            }
            return value;
        }
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new MalformedEventException("invalid-envelope", e.getMessage());
        }
        return toStructured(event);
    }

    private static JsonNode toStructured(CloudEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", event.getSpecVersion().toString());
        json.put("id", event.getId());
        json.put("source", event.getSource().toString());
        json.put("type", event.getType());
        if (event.getTime() != null) {
            json.put("time", event.getTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        if (event.getSubject() != null) {
            json.put("subject", event.getSubject());
        }
        if (event.getDataContentType() != null) {
            json.put("datacontenttype", event.getDataContentType());
        }
        if (event.getDataSchema() != null) {
            json.put("dataschema", event.getDataSchema().toString());
        }
        for (String name : event.getExtensionNames()) {
            json.put(name, String.valueOf(event.getExtension(name)));
        }
        if (event.getData() != null) {
            json.set("data", parseJson(event.getData().toBytes(), "data"));
        }
        return json;
    }

    /**
     * The binary-mode Kafka headers and value of an event ({@code ce_*} headers and
     * {@code content-type: application/json}), as the contract requires on output.
     */
    public static Headers binaryModeHeaders(String topic, String id, String source, String type, OffsetDateTime time,
                                            String subject, byte[] data, Map<String, String> extensions) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(type)
                .withTime(time.withOffsetSameInstant(ZoneOffset.UTC))
                .withSubject(subject)
                .withDataContentType("application/json")
                .withData(data);
        extensions.forEach(builder::withExtension);
        return KafkaMessageFactory.createWriter(topic).writeBinary(builder.build()).headers();
    }

    /**
     * Any JSON document, read with the contract's bounds: nesting deeper than {@link EventLimits#MAX_DEPTH} is a
     * {@link MalformedEventException} naming the field where it went too deep ({@code schema-violation}), text that is
     * not JSON one without a field ({@code malformed-json}).
     */
    public static JsonNode readJson(byte[] bytes) {
        return parseJson(bytes, "");
    }

    /** @param prefix where the bytes sit in the event ({@code data} for a binary-mode value), for field names */
    private static JsonNode parseJson(byte[] bytes, String prefix) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            try {
                JsonNode node = MAPPER.readTree(parser);
                if (node == null || node.isMissingNode()) {
                    throw new MalformedEventException("malformed-json", "empty body");
                }
                if (parser.nextToken() != null) {
                    throw new MalformedEventException("malformed-json", "not valid JSON: content after the end of the value");
                }
                return node;
            } catch (StreamConstraintsException e) {
                // Beyond the reader's bounds (nesting past the contract's, a number of a thousand digits): a contract
                // violation of the field where it happened.
                String problem = String.valueOf(e.getOriginalMessage()).contains("nesting depth") ? EventLimits.TOO_DEEP
                        : "beyond what a JSON reader holds (" + e.getOriginalMessage() + "); numbers must be I-JSON";
                throw new MalformedEventException("schema-violation",
                        dotted(prefix, parser.getParsingContext().pathAsPointer()), problem);
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("malformed-json", "not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new MalformedEventException("malformed-json", "not valid JSON: " + e.getMessage());
        }
    }

    /** {@code /data/attributes/a/0} → {@code data.attributes.a[0]}, the field notation of every violation. */
    private static String dotted(String prefix, JsonPointer pointer) {
        StringBuilder out = new StringBuilder(prefix);
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0 && !p.getMatchingProperty().isEmpty()
                    && p.getMatchingProperty().equals(Integer.toString(p.getMatchingIndex()))) {
                out.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return out.length() == 0 ? "(event)" : out.toString();
    }

    private static JsonNode requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedEventException("not-an-object", "a CloudEvent must be a JSON object");
        }
        return node;
    }
}
