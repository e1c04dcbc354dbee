package io.journeyline.education.domain.paths;

import io.journeyline.education.domain.paths.Unlocking.UnitState;
import io.journeyline.education.domain.paths.Unlocking.UnitStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.journeyline.education.domain.paths.Unlocking.UnitStatus.COMPLETED;
import static io.journeyline.education.domain.paths.Unlocking.UnitStatus.LOCKED;
import static io.journeyline.education.domain.paths.Unlocking.UnitStatus.UNLOCKED;
import static io.journeyline.education.domain.paths.Unlocking.UnitStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

class UnlockingTest {

    @Test
    void aValidPathHasCatalogUnitsOnceWithPrerequisitesBeforeThem() {
        List<LearningPath.Unit> units = List.of(unit("intro"), unit("wifi", "intro"), unit("router", "intro", "wifi"));
        assertThat(Unlocking.problems(units, Map.of("intro", "article", "wifi", "video", "router", "faq"))).isEmpty();
    }

    @Test
    void everyProblemNamesItsField() {
        List<LearningPath.Unit> units = List.of(unit("intro", "router"), unit("ghost"), unit("intro"), unit("router", "later"),
                unit("later"));
        assertThat(Unlocking.problems(units, Map.of("intro", "article", "router", "faq", "later", "faq")))
                .extracting(Unlocking.Problem::field)
                .containsExactly("units[0].prerequisites[0]", "units[1].contentId", "units[2].contentId",
                        "units[3].prerequisites[0]");
    }

    @Test
    void aUnitUnlocksWhenAllItsPrerequisitesAreCompleted() {
        List<UnitState> path = List.of(state("intro", false, COMPLETED), state("wifi", false, UNLOCKED, "intro"),
                state("router", false, LOCKED, "intro", "wifi"), state("faq", false, LOCKED, "intro"));
        assertThat(Unlocking.toUnlock(path)).containsExactly("faq");
    }

    @Test
    void unitsWithoutPrerequisitesUnlockTogetherAtTheStart() {
        List<UnitState> path = List.of(state("a", false, LOCKED), state("b", false, LOCKED), state("c", false, LOCKED, "a"));
        assertThat(Unlocking.toUnlock(path)).containsExactly("a", "b");
    }

    @Test
    void microLessonsComeOneAtATimeInPathOrder() {
        List<UnitState> path = new ArrayList<>(List.of(state("m1", true, LOCKED), state("m2", true, LOCKED),
                state("m3", true, LOCKED), state("article", false, LOCKED)));
        assertThat(Unlocking.toUnlock(path)).containsExactly("m1", "article");

        path.set(0, state("m1", true, UNLOCKED));
        path.set(3, state("article", false, UNLOCKED));
        assertThat(Unlocking.toUnlock(path)).as("m1 is still open").isEmpty();

        path.set(0, state("m1", true, COMPLETED));
        assertThat(Unlocking.toUnlock(path)).containsExactly("m2");

        path.set(1, state("m2", true, WAITING));
        assertThat(Unlocking.toUnlock(path)).as("m2 waits for the push cap: m3 still waits for m2").isEmpty();
    }

    @Test
    void aMicroLessonWhosePrerequisitesAreMetStillWaitsForTheMicroLessonBeforeIt() {
        List<UnitState> path = List.of(state("intro", false, COMPLETED), state("m1", true, UNLOCKED),
                state("m2", true, LOCKED, "intro"));
        assertThat(Unlocking.toUnlock(path)).isEmpty();
    }

    @Test
    void aLockedUnitSaysWhatItWaitsFor() {
        List<UnitState> path = List.of(state("intro", false, COMPLETED), state("wifi", false, UNLOCKED, "intro"),
                state("router", false, LOCKED, "intro", "wifi"), state("m1", true, UNLOCKED), state("m2", true, LOCKED));
        assertThat(Unlocking.whyLocked(path.get(2), path)).isEqualTo("unit 'router' is locked until wifi is completed");
        assertThat(Unlocking.whyLocked(path.get(4), path)).contains("micro-lesson");
    }

    private static LearningPath.Unit unit(String content, String... prerequisites) {
        return new LearningPath.Unit(content, List.of(prerequisites));
    }

    private static UnitState state(String content, boolean micro, UnitStatus status, String... prerequisites) {
        return new UnitState(content, micro, List.of(prerequisites), status);
    }
}
