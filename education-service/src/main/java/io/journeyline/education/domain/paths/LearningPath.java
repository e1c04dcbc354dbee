package io.journeyline.education.domain.paths;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A learning path: content units in the order a customer takes them, each unlocked once its prerequisites are
 * completed (micro-lessons one at a time, see {@link Unlocking}). {@code topics}: the problems it answers — an education
 * request on one of them gets the path rather than a single lesson. {@code version} grows with every edit; customers
 * already on the path keep the units they were given.
 */
public record LearningPath(String id, Map<String, String> title, List<String> topics, List<String> stages,
                           List<Unit> units, String owner, int version, OffsetDateTime updatedAt) {

    /** One unit: a content item of the catalog and the units (by content id) to complete before it. */
    public record Unit(String contentId, List<String> prerequisites) {
    }

    /** The same path as an edit would leave it: what can be edited compared. */
    public boolean samePathAs(LearningPath other) {
        return title.equals(other.title) && topics.equals(other.topics) && stages.equals(other.stages)
                && units.equals(other.units) && owner.equals(other.owner);
    }
}
