package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The content editor's inputs, to and from education-service's ContentRequest. */
class ContentFormTest {
    @Test
    void aContentItemFillsTheForm() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("id", "refund-policy-explainer");
        content.put("kind", "article");
        content.put("level", "BASIC");
        content.put("title", new LinkedHashMap<>(Map.of("en", "Refunds explained")));
        content.put("url", null);
        content.put("topics", List.of("refund-policy", "billing"));
        content.put("stages", List.of());
        content.put("languages", List.of("en", "zh"));
        content.put("channels", List.of("app", "email"));
        content.put("durationMinutes", 6);
        content.put("owner", "demo");
        content.put("reviewBy", "2027-01-31");
        ContentForm form = ContentForm.of(content);
        assertThat(form.title()).isEqualTo("en: Refunds explained");
        assertThat(form.topics()).isEqualTo("refund-policy, billing");
        assertThat(form.languages()).isEqualTo("en, zh");
        assertThat(form.channels()).containsExactly("app", "email");
        assertThat(form.url()).isEmpty();
        assertThat(form.durationMinutes()).isEqualTo("6");
        // and back again: the same request
        Map<String, Object> body = form.body();
        assertThat(body).containsEntry("title", Map.of("en", "Refunds explained"))
                .containsEntry("topics", List.of("refund-policy", "billing"))
                .containsEntry("durationMinutes", 6).containsEntry("reviewBy", "2027-01-31")
                .containsEntry("stages", List.of()).doesNotContainKey("url");
    }

    @Test
    void whatTheAdminTypedGoesAsTypedForTheServiceToJudge() {
        ContentForm form = new ContentForm("x", "article", "BASIC", "en: Refunds: the rules\n\nzh: 退款\nEN\n",
                " ", "a,, b\nc", null, "en", List.of("app", ""), "six", "demo", "");
        Map<String, Object> body = form.body();
        assertThat(body.get("title")).isEqualTo(Map.of("en", "Refunds: the rules", "zh", "退款", "EN", ""));
        assertThat(body.get("topics")).isEqualTo(List.of("a", "b", "c"));
        assertThat(body.get("channels")).isEqualTo(List.of("app"));
        // not a whole number: left out, so education-service names every bad field (and the page says it at its input)
        assertThat(form.durationIsNumber()).isFalse();
        assertThat(body).doesNotContainKeys("url", "reviewBy", "durationMinutes");
    }

    @Test
    void blanksAreLeftOut() {
        assertThat(ContentForm.number(" ")).isNull();
        assertThat(ContentForm.number(" 12 ")).isEqualTo(12);
        assertThat(ContentForm.number("1.5")).isNull();
        assertThat(ContentForm.list(null)).isEmpty();
        assertThat(ContentForm.parseTitle(null)).isEmpty();
        assertThat(ContentForm.titleText(null)).isEmpty();
    }
}
