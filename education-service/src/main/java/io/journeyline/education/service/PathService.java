package io.journeyline.education.service;

import io.journeyline.education.domain.catalog.Content;
import io.journeyline.education.domain.paths.LearningPath;
import io.journeyline.education.domain.paths.Unlocking;
import io.journeyline.education.persistence.ContentRepository;
import io.journeyline.education.persistence.PathRepository;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Learning paths for admins: add and edit (a change bumps the version, every version kept) after checking the units
 * against the catalog and each other ({@link Unlocking#problems}); list them by topic.
 */
@ApplicationScoped
public class PathService {
    private final PathRepository paths;
    private final ContentRepository contents;
    private final Clock clock;

    public PathService(PathRepository paths, ContentRepository contents, Clock clock) {
        this.paths = paths;
        this.contents = contents;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<LearningPath> create(LearningPath draft, String actor) {
        LearningPath path = stamped(draft, draft.id() != null ? draft.id() : UUID.randomUUID().toString(), 1);
        return checked(path).chain(() -> paths.create(path, actor)).chain(created -> created
                ? Uni.createFrom().item(path)
                : Uni.createFrom().failure(ProblemException.conflict("path '" + path.id() + "' exists already; PUT "
                + "/api/v1/paths/" + path.id() + " edits it")));
    }

    @WithTransaction
    public Uni<LearningPath> edit(String id, LearningPath draft, String actor) {
        return paths.find(id, true).chain(found -> {
            LearningPath current = found.orElseThrow(() -> ProblemException.notFound("path", id));
            if (current.samePathAs(draft)) {
                return Uni.createFrom().item(current);
            }
            LearningPath edited = stamped(draft, id, current.version() + 1);
            return checked(edited).chain(() -> paths.update(edited, actor)).replaceWith(edited);
        });
    }

    @WithSession
    public Uni<LearningPath> get(String id) {
        return paths.find(id, false).map(found -> found.orElseThrow(() -> ProblemException.notFound("path", id)));
    }

    @WithSession
    public Uni<List<LearningPath>> about(String topic) {
        return paths.about(topic);
    }

    /** The catalog's content kind of each unit's content (units whose content is unknown are missing). */
    Uni<Map<String, String>> kinds(List<LearningPath.Unit> units) {
        Map<String, String> kinds = new HashMap<>();
        return InOrder.each(units, unit -> contents.find(unit.contentId(), false)
                        .invoke(content -> content.map(Content::kind).ifPresent(kind -> kinds.put(unit.contentId(), kind))))
                .replaceWith(kinds);
    }

    private Uni<Void> checked(LearningPath path) {
        return kinds(path.units()).map(kinds -> Unlocking.problems(path.units(), kinds)).invoke(problems -> {
            if (!problems.isEmpty()) {
                throw ProblemException.badRequest("the path's units do not hold together", problems.stream()
                        .map(p -> Problem.FieldError.of(p.field(), p.message())).toList());
            }
        }).replaceWithVoid();
    }

    private LearningPath stamped(LearningPath p, String id, int version) {
        return new LearningPath(id, p.title(), p.topics(), p.stages(), p.units(), p.owner(), version,
                OffsetDateTime.now(clock));
    }
}
