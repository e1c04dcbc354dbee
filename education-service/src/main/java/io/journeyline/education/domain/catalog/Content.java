package io.journeyline.education.domain.catalog;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A content item of the catalog: what it is (kind, level, title per language, where it lives), what it is about
 * (topics or features, journey stages), for whom (languages, channels), how long it takes, who owns it and when it
 * must be reviewed. {@code version} grows with every edit; {@code reviewedAt} is the last review (or the creation).
 */
public record Content(String id, String kind, String level, Map<String, String> title, String url, List<String> topics,
                      List<String> stages, List<String> languages, List<String> channels, int durationMinutes,
                      String owner, LocalDate reviewBy, int version, OffsetDateTime reviewedAt,
                      OffsetDateTime updatedAt) {

    /** The same content as an edit would leave it: what can be edited compared, the rest kept. */
    public boolean sameContentAs(Content other) {
        return kind.equals(other.kind) && level.equals(other.level) && title.equals(other.title)
                && java.util.Objects.equals(url, other.url) && topics.equals(other.topics) && stages.equals(other.stages)
                && languages.equals(other.languages) && channels.equals(other.channels)
                && durationMinutes == other.durationMinutes && owner.equals(other.owner)
                && java.util.Objects.equals(reviewBy, other.reviewBy);
    }
}
