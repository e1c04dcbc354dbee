package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminFormsTest {
    @Test
    void aDateAloneIsThatDaysStartInUtc() {
        assertThat(AdminForms.time("2026-11-01")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(AdminForms.time(" 2026-11-01T08:00:00+08:00 ")).isEqualTo("2026-11-01T08:00:00+08:00");
        assertThat(AdminForms.time("")).isNull();
        assertThat(AdminForms.time("yesterday")).isEqualTo("yesterday");
    }

    @Test
    void aRuleSetGoesAsJsonOrYaml() {
        assertThat(AdminForms.documentType("  {\"rules\": []}")).isEqualTo("application/json");
        assertThat(AdminForms.documentType("rules: []")).isEqualTo("application/yaml");
        assertThat(AdminForms.documentType(null)).isEqualTo("application/yaml");
    }

    @Test
    void whatABacktestCannotKnowIsNamedByItsFirstWords() {
        assertThat(AdminForms.cannotKnowName("stale guard: decisions are taken as at their detection"))
                .isEqualTo("stale guard");
        assertThat(AdminForms.cannotKnowName("no colon here")).isNull();
        assertThat(AdminForms.cannotKnowName(null)).isNull();
    }

    @Test
    void aTextareasLineEndsAreKeptAsTyped() {
        assertThat(AdminForms.document("rules:\r\n  - id: A\r\n")).isEqualTo("rules:\n  - id: A\n");
        assertThat(AdminForms.document(null)).isEmpty();
    }

    @Test
    void aSurveyAsAnsweredIsShownWithoutItsNulls() {
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("id", "why");
        item.put("options", null);
        item.put("text", java.util.Map.of("en", "Why?"));
        java.util.Map<String, Object> survey = new java.util.LinkedHashMap<>();
        survey.put("id", "nps");
        survey.put("headline", null);
        survey.put("items", java.util.List.of(item));
        assertThat(AdminForms.withoutNulls(survey)).isEqualTo(java.util.Map.of("id", "nps",
                "items", java.util.List.of(java.util.Map.of("id", "why", "text", java.util.Map.of("en", "Why?")))));
    }

    @Test
    void aParsersMessageStopsBeforeItsSourceDescription() {
        assertThat(AdminForms.firstClause("Unexpected close marker '}': expected ']' (for Array starting at [Source: x])"))
                .isEqualTo("Unexpected close marker '}': expected ']'");
        assertThat(AdminForms.firstClause(null)).isEmpty();
    }
}
