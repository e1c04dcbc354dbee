package io.journeyline.education.domain.assign;

import io.journeyline.education.domain.assign.ContentChooser.Need;
import io.journeyline.education.domain.assign.ContentChooser.Past;
import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.ContentLevel;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContentChooserTest {
    private static final List<Content> CATALOG = List.of(
            content("wifi-basics-video", "BASIC", 9, "en", "app"),
            content("wifi-basics-lesson", "BASIC", 4, "en", "app"),
            content("wifi-basics-zh", "BASIC", 3, "zh", "app"),
            content("wifi-advanced", "ADVANCED", 10, "en", "app"),
            content("wifi-fix", "PROBLEM_SOLVING", 6, "en", "email"));
    private static final Past NOTHING = new Past(Set.of(), Set.of());

    @Test
    void theShortestFittingLessonAtTheRequestedLevelWithItsReasons() {
        var choice = ContentChooser.choose(new Need("wifi", ContentLevel.BASIC, "en", "app"), CATALOG, NOTHING).orElseThrow();
        assertThat(choice.content().id()).isEqualTo("wifi-basics-lesson");
        assertThat(choice.why()).isEqualTo("topic wifi, level BASIC, en on app; the shortest of 2 fitting, not completed before");
    }

    @Test
    void differentCustomersGetDifferentExplainedChoices() {
        assertThat(ContentChooser.choose(new Need("wifi", ContentLevel.BASIC, "zh", "app"), CATALOG, NOTHING)
                .orElseThrow().content().id()).isEqualTo("wifi-basics-zh");
        assertThat(ContentChooser.choose(new Need("wifi", ContentLevel.BASIC, "en", "app"), CATALOG,
                new Past(Set.of("wifi-basics-lesson"), Set.of())).orElseThrow().content().id())
                .as("what they completed is skipped").isEqualTo("wifi-basics-video");
    }

    @Test
    void theProblemCameBackAfterTheBasicsSoTheNextLevel() {
        var choice = ContentChooser.choose(new Need("wifi", ContentLevel.BASIC, "en", "app"), CATALOG,
                new Past(Set.of("wifi-basics-lesson"), Set.of(ContentLevel.BASIC))).orElseThrow();
        assertThat(choice.level()).isEqualTo(ContentLevel.ADVANCED);
        assertThat(choice.content().id()).isEqualTo("wifi-advanced");
        assertThat(choice.why()).contains("stepped up from BASIC");
    }

    @Test
    void nothingFitsWhenTheChannelOrLanguageHasNoLesson() {
        assertThat(ContentChooser.choose(new Need("wifi", ContentLevel.PROBLEM_SOLVING, "en", "app"), CATALOG, NOTHING))
                .isEmpty();
        assertThat(ContentChooser.choose(new Need("billing", ContentLevel.BASIC, "en", "app"), CATALOG, NOTHING)).isEmpty();
    }

    private static Content content(String id, String level, int minutes, String language, String channel) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-01T00:00:00Z");
        return new Content(id, "micro-lesson", level, Map.of(language, id), null, List.of("wifi"), List.of("ONBOARDING"),
                List.of(language), List.of(channel), minutes, "docs", null, 1, at, at);
    }
}
