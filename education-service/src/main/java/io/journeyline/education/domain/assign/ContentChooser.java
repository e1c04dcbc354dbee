package io.journeyline.education.domain.assign;

import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.ContentLevel;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the lesson for a customer's problem and says why: content on the topic, in the customer's language and
 * on the delivery channel, not completed before, at the requested level — one level up when the customer completed
 * content on this topic at that level and the problem came back — and, among equals, the shortest. Pure.
 */
public final class ContentChooser {
    private ContentChooser() {
    }

    /** What the customer needs: the topic, the level asked for, their language and the channel to reach them on. */
    public record Need(String topic, ContentLevel level, String language, String channel) {
    }

    /** What the customer did before: content completed, and the levels completed on this topic. */
    public record Past(Set<String> completedContent, Set<ContentLevel> completedLevelsOnTopic) {
    }

    /** The chosen content, at which level, and why (kept with the assignment). */
    public record Choice(Content content, ContentLevel level, String why) {
    }

    /** The choice, or empty when nothing fits (the caller records why). */
    public static Optional<Choice> choose(Need need, List<Content> catalog, Past past) {
        ContentLevel level = need.level();
        String steppedUp = "";
        while (past.completedLevelsOnTopic().contains(level) && level.ordinal() < ContentLevel.values().length - 1) {
            ContentLevel next = ContentLevel.values()[level.ordinal() + 1];
            steppedUp = steppedUp.isEmpty() ? " (stepped up from " + level + ": completed before, the problem came back)"
                    : steppedUp;
            level = next;
        }
        ContentLevel target = level;
        List<Content> fitting = catalog.stream()
                .filter(c -> c.topics().contains(need.topic()))
                .filter(c -> c.languages().contains(need.language()))
                .filter(c -> c.channels().contains(need.channel()))
                .filter(c -> !past.completedContent().contains(c.id()))
                .toList();
        String why = steppedUp;
        return fitting.stream()
                .filter(c -> c.level().equals(target.name()))
                .min(Comparator.comparingInt(Content::durationMinutes).thenComparing(Content::id))
                .map(c -> new Choice(c, target, "topic " + need.topic() + ", level " + target + why + ", "
                        + need.language() + " on " + need.channel() + "; the shortest of " + fitting.stream()
                        .filter(f -> f.level().equals(target.name())).count() + " fitting, not completed before"));
    }
}
