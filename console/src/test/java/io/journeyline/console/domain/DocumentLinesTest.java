package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the paths a service names problems with begin in the document an admin typed. */
class DocumentLinesTest {
    private static final String RULES = """
            # the rules
            rules:
              - id: PP-DETRACTOR
                version: 1
                on:
                  types: [io.journeyline.survey.responded]
                  condition: data.scores.primary <= 6
                action: {type: CASE, priority: HIGH}
              - id: PP-LONG-WAIT
                version: 2
                on:
                  types:
                    - io.journeyline.touchpoint.recorded
                  where: {action: wait}
            """;

    @Test
    void aRuleSetsPathsAreFoundAtTheirLines() {
        DocumentLines lines = DocumentLines.of(RULES);
        assertThat(lines.line("rules")).isEqualTo(2);
        assertThat(lines.line("rules[0]")).isEqualTo(3);
        assertThat(lines.line("rules[0].on.condition")).isEqualTo(7);
        assertThat(lines.line("rules[0].action.priority")).isEqualTo(8);
        assertThat(lines.line("rules[1].on.types[0]")).isEqualTo(13);
        assertThat(lines.line("rules[1].on.where.action")).isEqualTo(14);
    }

    @Test
    void aPathTheDocumentDoesNotHoldIsShownAtTheNearestPartThatItDoes() {
        DocumentLines lines = DocumentLines.of(RULES);
        // a required field that is missing: the service names it, the document has only its rule
        assertThat(lines.line("rules[1].severity")).isEqualTo(9);
        assertThat(lines.line("rules[1].on.when")).isEqualTo(11);
        assertThat(lines.line("nothing.here")).isNull();
    }

    @Test
    void eachProblemKnowsTheIdOfTheListItemItIsIn() {
        DocumentLines lines = DocumentLines.of(RULES);
        assertThat(lines.itemId("rules[1].on.types[0]")).isEqualTo("PP-LONG-WAIT");
        assertThat(lines.itemId("rules[0]")).isEqualTo("PP-DETRACTOR");
        assertThat(lines.itemId("rules")).isNull();
    }

    @Test
    void jsonIsReadAsJson() {
        String survey = """
                {
                  "id": "nps",
                  "name": "",
                  "items": [
                    {"id": "score", "text": {}},
                    {
                      "id": "why",
                      "text": {"en": "Why?"}
                    }
                  ]
                }
                """;
        DocumentLines lines = DocumentLines.of(survey);
        assertThat(lines.line("name")).isEqualTo(3);
        assertThat(lines.line("items[0].text")).isEqualTo(5);
        assertThat(lines.line("items[1].text.en")).isEqualTo(8);
        assertThat(lines.itemId("items[1].text")).isEqualTo("why");
    }

    @Test
    void aDocumentThatDoesNotParseKeepsWhatWasReadBeforeTheError() {
        assertThat(DocumentLines.of("rules: [").line("rules")).isEqualTo(1);
        assertThat(DocumentLines.of("{\"a\": 1,").line("a")).isEqualTo(1);
        assertThat(DocumentLines.of("").line("rules")).isNull();
        assertThat(DocumentLines.of(null).itemId("rules[0]")).isNull();
    }

    @Test
    void parentsCutTheLastPart() {
        assertThat(DocumentLines.parent("rules[3].on.condition")).isEqualTo("rules[3].on");
        assertThat(DocumentLines.parent("rules[3]")).isEqualTo("rules");
        assertThat(DocumentLines.parent("rules")).isNull();
        assertThat(DocumentLines.parent("title<K>[en]")).isEqualTo("title<K>");
    }
}
