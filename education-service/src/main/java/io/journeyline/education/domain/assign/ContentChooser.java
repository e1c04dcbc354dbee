package io.journeyline.education.domain.assign;

import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.ContentLevel;
import io.journeyline.education.domain.paths.LearningPath;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the lesson (or learning path) for a customer's problem and says why: content on the topic, in the
 * customer's language (else the default language, said so) and on the delivery channel, not completed before, at the
 * requested level — one level up when the customer completed content on this topic at that level and the problem came
 * back. Among those, content made for the customer's journey stage comes first, then content for every stage (no
 * stage tags), then content tagged for other stages; among equals the shortest. Pure.
 */
public final class ContentChooser {
    private ContentChooser() {
    }

    /**
     * What the customer needs: the topic, the level asked for, their language (and the default one to fall back on),
     * the channel to reach them on, and their journey stage (null when unknown).
     */
    public record Need(String topic, ContentLevel level, String language, String fallbackLanguage, String channel,
                       String stage) {
    }

    /** What the customer did before: content and paths completed, and the levels completed on this topic. */
    public record Past(Set<String> completedContent, Set<ContentLevel> completedLevelsOnTopic, Set<String> completedPaths) {
    }

    /** The chosen content, at which level, in which language, and why (kept with the assignment). */
    public record Choice(Content content, ContentLevel level, String language, String why) {
    }

    /** The chosen learning path, in which language, and why. */
    public record PathChoice(LearningPath path, String language, String why) {
    }

    /** The choice, or empty when nothing fits (the caller records why). */
    public static Optional<Choice> choose(Need need, List<Content> catalog, Past past) {
        ContentLevel level = need.level();
        String steppedUp = "";
        while (past.completedLevelsOnTopic().contains(level) && level.ordinal() < ContentLevel.values().length - 1) {
            steppedUp = steppedUp.isEmpty() ? " (stepped up from " + level + ": completed before, the problem came back)"
                    : steppedUp;
            level = ContentLevel.values()[level.ordinal() + 1];
        }
        ContentLevel target = level;
        String why = steppedUp;
        for (String language : languages(need)) {
            List<Content> fitting = catalog.stream()
                    .filter(c -> c.topics().contains(need.topic()))
                    .filter(c -> c.languages().contains(language))
                    .filter(c -> c.channels().contains(need.channel()))
                    .filter(c -> !past.completedContent().contains(c.id()))
                    .filter(c -> c.level().equals(target.name()))
                    .toList();
            Optional<Content> best = fitting.stream().min(Comparator.comparingInt((Content c) -> stageRank(c.stages(), need))
                    .thenComparingInt(Content::durationMinutes).thenComparing(Content::id));
            if (best.isPresent()) {
                Content content = best.get();
                return Optional.of(new Choice(content, target, language, "topic " + need.topic() + ", level " + target
                        + why + ", " + inLanguage(language, need) + " on " + need.channel()
                        + stageNote(content.stages(), need) + "; the shortest of " + fitting.stream()
                        .filter(c -> stageRank(c.stages(), need) == stageRank(content.stages(), need)).count()
                        + " fitting, not completed before"));
            }
        }
        return Optional.empty();
    }

    /** A learning path that answers the topic, offered in the customer's language, not completed before; or empty. */
    public static Optional<PathChoice> choosePath(Need need, List<LearningPath> paths, Past past) {
        for (String language : languages(need)) {
            Optional<LearningPath> best = paths.stream()
                    .filter(p -> p.topics().contains(need.topic()))
                    .filter(p -> p.title().containsKey(language))
                    .filter(p -> !past.completedPaths().contains(p.id()))
                    .min(Comparator.comparingInt((LearningPath p) -> stageRank(p.stages(), need))
                            .thenComparingInt(p -> p.units().size()).thenComparing(LearningPath::id));
            if (best.isPresent()) {
                LearningPath path = best.get();
                return Optional.of(new PathChoice(path, language, "learning path for topic " + need.topic() + ", "
                        + inLanguage(language, need) + stageNote(path.stages(), need) + "; " + path.units().size()
                        + " units, not completed before"));
            }
        }
        return Optional.empty();
    }

    private static List<String> languages(Need need) {
        return need.language().equals(need.fallbackLanguage()) ? List.of(need.language())
                : List.of(need.language(), need.fallbackLanguage());
    }

    private static String inLanguage(String language, Need need) {
        return language.equals(need.language()) ? language
                : language + " (nothing fits in the customer's " + need.language() + ")";
    }

    /** 0: made for the customer's stage (or the stage is unknown); 1: for every stage; 2: for other stages only. */
    private static int stageRank(List<String> stages, Need need) {
        if (need.stage() == null || stages.contains(need.stage())) {
            return 0;
        }
        return stages.isEmpty() ? 1 : 2;
    }

    private static String stageNote(List<String> stages, Need need) {
        if (need.stage() == null) {
            return "";
        }
        return switch (stageRank(stages, need)) {
            case 0 -> ", for stage " + need.stage();
            case 1 -> ", for every stage (none made for " + need.stage() + ")";
            default -> ", made for " + String.join("/", stages) + " (none for " + need.stage() + ")";
        };
    }
}
