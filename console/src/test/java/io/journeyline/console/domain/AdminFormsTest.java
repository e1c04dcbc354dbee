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
}
