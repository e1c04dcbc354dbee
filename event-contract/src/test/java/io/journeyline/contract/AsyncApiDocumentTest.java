package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document other teams read must say what the code does. */
class AsyncApiDocumentTest {

    @Test
    void everyEventTypeIsAMessageOnItsTopicWithItsSchema() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        assertThat(doc.get("asyncapi").asText()).startsWith("3.");

        Map<String, Set<String>> topicsOfMessage = new HashMap<>();
        doc.get("channels").forEach(channel -> channel.path("messages").fields().forEachRemaining(message ->
                topicsOfMessage.computeIfAbsent(message.getKey(), k -> new HashSet<>()).add(channel.get("address").asText())));

        for (EventType type : EventType.values()) {
            String record = type.recordClass().getSimpleName();
            JsonNode message = doc.at("/components/messages/" + record);
            assertThat(message.path("name").asText()).as(record).isEqualTo(type.type());
            assertThat(topicsOfMessage.get(record)).as(record).isEqualTo(type.topics());
            String schema = message.at("/payload/$ref").asText();
            assertThat(getClass().getClassLoader().getResource(schema)).as(schema).isNotNull();
        }
        assertThat(topicsOfMessage.values().stream().flatMap(Set::stream)).containsAll(Topics.ALL);
    }
}
