package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The constants request records bound their fields with are the schemas' own {@code maxLength}s. */
class FieldLimitsTest {
    /** Every data property of these names, in every event schema, is bounded by its constant. */
    private static final Map<String, Integer> BY_PROPERTY = Map.ofEntries(
            entry("caseId", FieldLimits.ID), entry("painPointId", FieldLimits.ID),
            entry("interventionId", FieldLimits.ID), entry("assignmentId", FieldLimits.ID),
            entry("contentId", FieldLimits.ID), entry("pathId", FieldLimits.ID), entry("surveyId", FieldLimits.ID),
            entry("responseId", FieldLimits.ID), entry("invitationId", FieldLimits.ID),
            entry("feedbackId", FieldLimits.ID), entry("deliveryId", FieldLimits.ID),
            entry("reason", FieldLimits.REASON), entry("topic", FieldLimits.TOPIC),
            entry("touchpoint", FieldLimits.TOUCHPOINT), entry("action", FieldLimits.ACTION),
            entry("rootCause", FieldLimits.ROOT_CAUSE), entry("ruleId", FieldLimits.RULE_ID),
            entry("link", FieldLimits.LINK));

    @Test
    void theSharedDefinitionsAreTheConstants() throws IOException {
        JsonNode common = read("schemas/common.json").path("$defs");
        assertThat(common.at("/customerId/maxLength").asInt()).isEqualTo(FieldLimits.CUSTOMER_ID);
        assertThat(common.at("/id/maxLength").asInt()).isEqualTo(FieldLimits.ID);
        assertThat(common.at("/text/maxLength").asInt()).isEqualTo(FieldLimits.TEXT);
    }

    @Test
    void everyEventSchemaBoundsItsFieldsByTheConstants() throws IOException {
        List<String> checked = new ArrayList<>();
        for (EventType type : EventType.values()) {
            JsonNode properties = read(type.schemaResource()).path("properties");
            for (Map.Entry<String, Integer> bound : BY_PROPERTY.entrySet()) {
                JsonNode property = properties.path(bound.getKey());
                if (property.isMissingNode()) {
                    continue;
                }
                if (property.has("$ref")) {
                    continue;
                }
                if (!property.path("type").asText().equals("string")) {
                    continue;
                }
                assertThat(property.path("maxLength").asInt()).as(type.type() + " " + bound.getKey())
                        .isEqualTo(bound.getValue());
                checked.add(type.type() + " " + bound.getKey());
            }
        }
        assertThat(checked).contains("io.journeyline.case.reopened reason", "io.journeyline.case.escalated reason",
                "io.journeyline.case.resolved rootCause", "io.journeyline.survey.responded caseId",
                "io.journeyline.education.assigned reason", "io.journeyline.feedback.received touchpoint");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = FieldLimitsTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }
}
