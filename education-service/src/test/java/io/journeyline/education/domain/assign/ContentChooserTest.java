package io.journeyline.education.domain.assign;

import io.journeyline.education.domain.assign.ContentChooser.Need;
import io.journeyline.education.domain.assign.ContentChooser.Past;
import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.ContentLevel;
import io.journeyline.education.domain.paths.LearningPath;
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
    private static final Past NOTHING = new Past(Set.of(), Set.of(), Set.of());

    @Test
    void theShortestFittingLessonAtTheRequestedLevelWithItsReasons() {
        var choice = ContentChooser.choose(need("wifi", ContentLevel.BASIC, "en", "app"), CATALOG, NOTHING).orElseThrow();
        assertThat(choice.content().id()).isEqualTo("wifi-basics-lesson");
        assertThat(choice.why()).isEqualTo("topic wifi, level BASIC, en on app; the shortest of 2 fitting, not completed before");
    }

    @Test
    void differentCustomersGetDifferentExplainedChoices() {
        assertThat(ContentChooser.choose(need("wifi", ContentLevel.BASIC, "zh", "app"), CATALOG, NOTHING)
                .orElseThrow().content().id()).isEqualTo("wifi-basics-zh");
        assertThat(ContentChooser.choose(need("wifi", ContentLevel.BASIC, "en", "app"), CATALOG,
                new Past(Set.of("wifi-basics-lesson"), Set.of(), Set.of())).orElseThrow().content().id())
                .as("what they completed is skipped").isEqualTo("wifi-basics-video");
    }

    @Test
    void theProblemCameBackAfterTheBasicsSoTheNextLevel() {
        var choice = ContentChooser.choose(need("wifi", ContentLevel.BASIC, "en", "app"), CATALOG,
                new Past(Set.of("wifi-basics-lesson"), Set.of(ContentLevel.BASIC), Set.of())).orElseThrow();
        assertThat(choice.level()).isEqualTo(ContentLevel.ADVANCED);
        assertThat(choice.content().id()).isEqualTo("wifi-advanced");
        assertThat(choice.why()).contains("stepped up from BASIC");
    }

    @Test
    void nothingFitsWhenTheChannelOrLanguageHasNoLesson() {
        assertThat(ContentChooser.choose(need("wifi", ContentLevel.PROBLEM_SOLVING, "en", "app"), CATALOG, NOTHING))
                .isEmpty();
        assertThat(ContentChooser.choose(need("billing", ContentLevel.BASIC, "en", "app"), CATALOG, NOTHING)).isEmpty();
    }

    @Test
    void contentMadeForTheCustomersStageComesFirstThenContentForEveryStage() {
        List<Content> catalog = List.of(content("router-onboarding", "BASIC", 9, "en", "app", "ONBOARDING"),
                content("router-any", "BASIC", 7, "en", "app"),
                content("router-usage", "BASIC", 3, "en", "app", "USAGE"));
        var onboarding = ContentChooser.choose(new Need("wifi", ContentLevel.BASIC, "en", "en", "app", "ONBOARDING"),
                catalog, NOTHING).orElseThrow();
        assertThat(onboarding.content().id()).isEqualTo("router-onboarding");
        assertThat(onboarding.why()).isEqualTo("topic wifi, level BASIC, en on app, for stage ONBOARDING; "
                + "the shortest of 1 fitting, not completed before");
        var loyal = ContentChooser.choose(new Need("wifi", ContentLevel.BASIC, "en", "en", "app", "LOYAL"), catalog,
                NOTHING).orElseThrow();
        assertThat(loyal.content().id()).as("nothing for LOYAL: content for every stage before other stages' content")
                .isEqualTo("router-any");
        assertThat(loyal.why()).contains("for every stage (none made for LOYAL)");
    }

    @Test
    void withNothingInTheCustomersLanguageTheDefaultLanguageAndSaysSo() {
        var choice = ContentChooser.choose(new Need("wifi", ContentLevel.ADVANCED, "zh", "en", "app", null), CATALOG,
                NOTHING).orElseThrow();
        assertThat(choice.content().id()).isEqualTo("wifi-advanced");
        assertThat(choice.language()).isEqualTo("en");
        assertThat(choice.why()).contains("en (nothing fits in the customer's zh)");
    }

    @Test
    void aPathThatAnswersTheTopicInTheCustomersLanguageNotCompletedBefore() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-01T00:00:00Z");
        LearningPath onboarding = new LearningPath("onboarding", Map.of("en", "Getting started"), List.of("onboarding"),
                List.of("ONBOARDING"), List.of(new LearningPath.Unit("a", List.of()), new LearningPath.Unit("b", List.of("a"))),
                "docs", 1, at);
        LearningPath chinese = new LearningPath("onboarding-zh", Map.of("zh", "入门"), List.of("onboarding"), List.of(),
                List.of(new LearningPath.Unit("a", List.of())), "docs", 1, at);
        Need need = new Need("onboarding", ContentLevel.BASIC, "en", "en", "app", "ONBOARDING");
        var choice = ContentChooser.choosePath(need, List.of(onboarding, chinese), NOTHING).orElseThrow();
        assertThat(choice.path().id()).isEqualTo("onboarding");
        assertThat(choice.why()).isEqualTo("learning path for topic onboarding, en, for stage ONBOARDING; 2 units, "
                + "not completed before");
        assertThat(ContentChooser.choosePath(need, List.of(onboarding, chinese),
                new Past(Set.of(), Set.of(), Set.of("onboarding")))).isEmpty();
        assertThat(ContentChooser.choosePath(new Need("wifi", ContentLevel.BASIC, "en", "en", "app", null),
                List.of(onboarding), NOTHING)).as("no path answers wifi").isEmpty();
    }

    private static Need need(String topic, ContentLevel level, String language, String channel) {
        return new Need(topic, level, language, language, channel, null);
    }

    private static Content content(String id, String level, int minutes, String language, String channel,
                                   String... stages) {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-01T00:00:00Z");
        return new Content(id, "micro-lesson", level, Map.of(language, id), null, List.of("wifi"), List.of(stages),
                List.of(language), List.of(channel), minutes, "docs", null, 1, at, at);
    }
}
