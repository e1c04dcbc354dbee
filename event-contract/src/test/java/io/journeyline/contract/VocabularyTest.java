package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.vocabulary.*;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Java enum of the shared vocabulary says exactly what its JSON Schema enumeration says, in the same order. */
class VocabularyTest {
    private static final Map<Class<? extends Vocabulary>, String> SCHEMA_OF = Map.ofEntries(
            Map.entry(Channel.class, "common.json#/$defs/channel/enum"),
            Map.entry(SurveyKind.class, "common.json#/$defs/surveyKind/enum"),
            Map.entry(Severity.class, "common.json#/$defs/severity/enum"),
            Map.entry(Priority.class, "common.json#/$defs/priority/enum"),
            Map.entry(FeedbackCategory.class, "common.json#/$defs/feedbackCategory/enum"),
            Map.entry(Stage.class, "common.json#/$defs/stage/enum"),
            Map.entry(CaseStatus.class, "common.json#/$defs/caseStatus/enum"),
            Map.entry(FeedbackKind.class, "io.journeyline.feedback.received.json#/properties/kind/enum"),
            Map.entry(TouchpointOutcome.class, "io.journeyline.touchpoint.recorded.json#/properties/outcome/enum"),
            Map.entry(CaseOutcome.class, "io.journeyline.case.closed.json#/properties/outcome/enum"),
            Map.entry(SlaClock.class, "io.journeyline.case.sla-breached.json#/properties/clock/enum"));

    @Test
    void everyEnumMatchesItsSchemaEnumeration() throws Exception {
        for (var entry : SCHEMA_OF.entrySet()) {
            assertThat(Vocabulary.wireValues(entry.getKey())).as(entry.getKey().getSimpleName())
                    .containsExactlyElementsOf(schemaEnum(entry.getValue()));
        }
    }

    @Test
    void jsonCarriesTheWireValueBothWays() throws Exception {
        assertThat(EventJson.mapper().writeValueAsString(Channel.PHONE)).isEqualTo("\"phone\"");
        assertThat(EventJson.mapper().readValue("\"phone\"", Channel.class)).isEqualTo(Channel.PHONE);
        assertThat(EventJson.mapper().readValue("\"AT_RISK\"", Stage.class)).isEqualTo(Stage.AT_RISK);
        assertThat(Vocabulary.parse(FeedbackKind.class, "complaint")).contains(FeedbackKind.COMPLAINT);
        assertThat(Vocabulary.parse(FeedbackKind.class, "COMPLAINT")).isEmpty();
    }

    private List<String> schemaEnum(String reference) throws Exception {
        String[] parts = reference.split("#");
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/" + parts[0])) {
            schema = EventJson.mapper().readTree(in);
        }
        JsonNode values = schema.at(parts[1]);
        assertThat(values.isArray()).as(reference).isTrue();
        List<String> result = new ArrayList<>();
        values.forEach(v -> result.add(v.asText()));
        return result;
    }
}
