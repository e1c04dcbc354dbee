package io.journeyline.education.domain.paths;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a learning path (DOMAIN.md: units with prerequisites; micro-lessons unlock one by one). A path is valid
 * when every unit is catalog content, appears once, and names as prerequisites only units before it (which also
 * rules out cycles). A locked unit unlocks when all its prerequisites are completed — and a micro-lesson only once
 * every micro-lesson before it is completed, so they come one at a time, in path order.
 * Pure.
 */
public final class Unlocking {
    private Unlocking() {
    }

    /** Where a customer is with one unit. WAITING: unlocked, held back by the daily push cap until there is room. */
    public enum UnitStatus {
        LOCKED, WAITING, UNLOCKED, COMPLETED
    }

    /** A unit of a customer's path as the rules see it. */
    public record UnitState(String contentId, boolean microLesson, List<String> prerequisites, UnitStatus status) {
    }

    /**
     * Every problem with a path's units, each naming its field ({@code units[2].prerequisites[0]}).
     *
     * @param kinds the catalog's content kind per content id, for the units' content
     */
    public static List<Problem> problems(List<LearningPath.Unit> units, Map<String, String> kinds) {
        List<Problem> problems = new ArrayList<>();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < units.size(); i++) {
            LearningPath.Unit unit = units.get(i);
            String field = "units[" + i + "]";
            if (!kinds.containsKey(unit.contentId())) {
                problems.add(new Problem(field + ".contentId", "no content '" + unit.contentId() + "' in the catalog"));
            }
            if (before.contains(unit.contentId())) {
                problems.add(new Problem(field + ".contentId", "'" + unit.contentId() + "' is in the path already"));
            }
            for (int p = 0; p < unit.prerequisites().size(); p++) {
                String prerequisite = unit.prerequisites().get(p);
                if (!before.contains(prerequisite)) {
                    problems.add(new Problem(field + ".prerequisites[" + p + "]", "'" + prerequisite
                            + "' is not a unit before this one (prerequisites come earlier in the path)"));
                }
            }
            before.add(unit.contentId());
        }
        return problems;
    }

    /** A problem with one field of a path. */
    public record Problem(String field, String message) {
    }

    /**
     * The content ids of the units that unlock now, in path order: locked units whose prerequisites are all
     * completed; a micro-lesson moreover only when every micro-lesson before it in the path is completed.
     */
    public static List<String> toUnlock(List<UnitState> units) {
        Set<String> completed = new HashSet<>();
        units.stream().filter(u -> u.status() == UnitStatus.COMPLETED).forEach(u -> completed.add(u.contentId()));
        List<String> unlock = new ArrayList<>();
        boolean earlierMicroLessonsCompleted = true;
        for (UnitState unit : units) {
            boolean ready = unit.status() == UnitStatus.LOCKED && completed.containsAll(unit.prerequisites());
            if (unit.microLesson()) {
                ready &= earlierMicroLessonsCompleted;
                earlierMicroLessonsCompleted &= unit.status() == UnitStatus.COMPLETED;
            }
            if (ready) {
                unlock.add(unit.contentId());
            }
        }
        return unlock;
    }

    /** Why a locked unit is not open yet, for the 409 a progress report on it gets. */
    public static String whyLocked(UnitState unit, List<UnitState> units) {
        Set<String> completed = new HashSet<>();
        units.stream().filter(u -> u.status() == UnitStatus.COMPLETED).forEach(u -> completed.add(u.contentId()));
        List<String> missing = unit.prerequisites().stream().filter(p -> !completed.contains(p)).toList();
        return missing.isEmpty() ? "unit '" + unit.contentId() + "' is a micro-lesson: it unlocks when the micro-lesson "
                + "before it is completed"
                : "unit '" + unit.contentId() + "' is locked until " + String.join(", ", missing) + " "
                + (missing.size() == 1 ? "is" : "are") + " completed";
    }
}
