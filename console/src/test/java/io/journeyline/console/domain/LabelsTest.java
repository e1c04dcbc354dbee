package io.journeyline.console.domain;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every label exists in both languages, and the Chinese ones are Chinese. */
class LabelsTest {
    /** Three or more Latin letters: an English word left in a Chinese label (NPS, CSAT and CES are codes, not words). */
    private static final Pattern ENGLISH_WORD = Pattern.compile("[A-Za-z]{3,}");

    @Test
    void everyKeyHasAnEnglishAndAChineseLabel() {
        assertThat(Labels.of("zh").keys()).as("keys with an English label but no Chinese one, or the reverse")
                .containsExactlyInAnyOrderElementsOf(Labels.of("en").keys());
    }

    @Test
    void chineseLabelsHoldNoEnglishWords() {
        Labels zh = Labels.of("zh");
        // a placeholder shows an example of what to type (an e-mail address), not a label
        assertThat(zh.keys().stream().filter(key -> !key.endsWith("_placeholder"))).allSatisfy(key -> assertThat(ENGLISH_WORD.matcher(
                zh.get(key).replace("Journeyline", "")).find()).as("zh label %s = %s", key, zh.get(key)).isFalse());
    }

    @Test
    void aMissingLabelShowsItsKeySoTheBrowserTestsFindIt() {
        assertThat(Labels.of("en").get("no-such-label")).isEqualTo("⟦no-such-label⟧");
        assertThat(Labels.of("en").code("stage", "NO_SUCH_STAGE")).isEmpty();
        assertThat(Labels.of("zh").code("stage", "ONBOARDING")).isEqualTo("上手");
    }

    @Test
    void durationsAndNumbersReadInTheLanguage() {
        assertThat(Labels.of("en").duration("PT480H30.5S")).isEqualTo("20d 0h");
        assertThat(Labels.of("zh").duration("PT1H5M")).isEqualTo("1小时 5分钟");
        assertThat(Labels.of("en").duration("-PT10M")).isEqualTo("−10min");
        assertThat(Labels.of("en").number(0.18918918918918928, 2)).isEqualTo("0.19");
        assertThat(Labels.of("en").number(10.0, 1)).isEqualTo("10");
    }
}
