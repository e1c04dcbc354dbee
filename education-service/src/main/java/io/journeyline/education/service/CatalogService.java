package io.journeyline.education.service;

import io.journeyline.contract.event.ContentGapDetected;
import io.journeyline.education.config.EducationConfig;
import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.catalog.Staleness;
import io.journeyline.education.persistence.ContentGapRepository;
import io.journeyline.education.persistence.ContentRepository;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The content catalog: admins add and edit content (an edit that changes anything bumps the version, every version
 * kept), mark it reviewed, and list what is stale; everyone who assigns content searches it by topic, level, stage
 * and language.
 */
@ApplicationScoped
public class CatalogService {
    private final ContentRepository contents;
    private final ContentGapRepository gaps;
    private final EducationConfig config;
    private final Clock clock;

    public CatalogService(ContentRepository contents, ContentGapRepository gaps, EducationConfig config, Clock clock) {
        this.contents = contents;
        this.gaps = gaps;
        this.config = config;
        this.clock = clock;
    }

    /** A stale content item, why, and the content gaps on its topics found since its last review (their evidence). */
    public record Stale(Content content, List<String> reasons, List<ContentGapRepository.Gap> gaps) {
    }

    @WithTransaction
    public Uni<Content> create(Content draft, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Content content = stamped(draft, draft.id() != null ? draft.id() : UUID.randomUUID().toString(), 1, now, now);
        return contents.create(content, actor).chain(created -> created ? Uni.createFrom().item(content)
                : Uni.createFrom().failure(ProblemException.conflict("content '" + content.id() + "' exists already; "
                + "PUT /api/v1/contents/" + content.id() + " edits it")));
    }

    @WithTransaction
    public Uni<Content> edit(String id, Content draft, String actor) {
        return contents.find(id, true).chain(found -> {
            Content current = found.orElseThrow(() -> ProblemException.notFound("content", id));
            if (current.sameContentAs(draft)) {
                return Uni.createFrom().item(current);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            Content edited = stamped(draft, id, current.version() + 1, current.reviewedAt(), now);
            return contents.update(edited, actor, true).replaceWith(edited);
        });
    }

    /** Someone reviewed the content: fresh again from now (its review date, if passed, must be moved by an edit). */
    @WithTransaction
    public Uni<Content> reviewed(String id, String actor) {
        return contents.find(id, true).chain(found -> {
            Content current = found.orElseThrow(() -> ProblemException.notFound("content", id));
            OffsetDateTime now = OffsetDateTime.now(clock);
            Content reviewed = stamped(current, id, current.version(), now, current.updatedAt());
            return contents.update(reviewed, actor, false).replaceWith(reviewed);
        });
    }

    @WithSession
    public Uni<Content> get(String id) {
        return contents.find(id, false).map(found -> found.orElseThrow(() -> ProblemException.notFound("content", id)));
    }

    @WithSession
    public Uni<List<Content>> search(Map<String, String> tags, int limit) {
        return contents.search(tags, limit);
    }

    @WithSession
    public Uni<List<Stale>> stale() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return gaps.all().chain(found -> contents.all().map(all -> all.stream()
                .map(content -> {
                    List<ContentGapRepository.Gap> since = found.stream()
                            .filter(g -> content.topics().contains(g.topic()) && g.detectedAt().isAfter(content.reviewedAt()))
                            .toList();
                    return new Stale(content, Staleness.reasons(content, now, config.reviewInterval(), since.stream()
                            .map(g -> new Staleness.GapSeen(g.topic(), g.detectedAt(), g.customers())).toList()), since);
                })
                .filter(stale -> !stale.reasons().isEmpty()).toList()));
    }

    /** journey-service found a content gap: kept, so the topic's content shows up for review with its evidence. */
    public Uni<Void> onContentGaps(List<Delivery<ContentGapDetected>> deliveries) {
        return InOrder.each(deliveries, delivery -> {
            ContentGapDetected gap = delivery.data();
            return gaps.add(new ContentGapRepository.Gap(delivery.event().id(), gap.topic(),
                    gap.category(), gap.count(), gap.windowStart(), gap.windowEnd(),
                    gap.evidence() == null ? List.of() : gap.evidence(), delivery.event().time()));
        });
    }

    private static Content stamped(Content c, String id, int version, OffsetDateTime reviewedAt, OffsetDateTime updatedAt) {
        return new Content(id, c.kind(), c.level(), c.title(), c.url(), c.topics(), c.stages(), c.languages(),
                c.channels(), c.durationMinutes(), c.owner(), c.reviewBy(), version, reviewedAt, updatedAt);
    }
}
