package io.journeyline.journey.service;

import io.journeyline.contract.event.PainPointResolved;
import io.journeyline.journey.domain.Intervention;
import io.journeyline.journey.domain.PainPoint;
import io.journeyline.journey.persistence.InterventionRepository;
import io.journeyline.journey.persistence.PainPointRepository;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The worklist: pain points with their evidence and interventions, and what an agent does with them. */
@ApplicationScoped
public class PainPointService {
    /** Which statuses each command may start from. */
    private static final Map<String, Set<PainPoint.Status>> ALLOWED_FROM = Map.of(
            "acknowledge", Set.of(PainPoint.Status.OPEN),
            "dismiss", Set.of(PainPoint.Status.OPEN, PainPoint.Status.ACKNOWLEDGED));

    private final PainPointRepository painPoints;
    private final InterventionRepository interventions;
    private final Outbox outbox;
    private final Clock clock;

    public PainPointService(PainPointRepository painPoints, InterventionRepository interventions, Outbox outbox,
                            Clock clock) {
        this.painPoints = painPoints;
        this.interventions = interventions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A pain point as the API shows it. */
    public record View(PainPoint painPoint, List<String> evidence, List<Intervention> interventions) {
    }

    /** These customers' open pain points, newest first, at most {@code limit}, as the API shows them. */
    public Uni<List<View>> openOf(List<String> customerIds, int limit) {
        return painPoints.openOf(customerIds, limit).chain(this::views);
    }

    @WithSession
    public Uni<List<View>> page(PainPointRepository.Query query) {
        return painPoints.page(query).chain(this::views);
    }

    @WithSession
    public Uni<View> get(String id) {
        return find(id).chain(painPoint -> views(List.of(painPoint))).map(views -> views.get(0));
    }

    /** OPEN → ACKNOWLEDGED: an agent owns it. */
    @WithTransaction
    public Uni<View> acknowledge(String id, String agent, String note) {
        return transition(id, "acknowledge", PainPoint.Status.ACKNOWLEDGED, agent, note);
    }

    /** OPEN or ACKNOWLEDGED → DISMISSED, with the agent's reason; published as resolved ({@code dismissed}). */
    @WithTransaction
    public Uni<View> dismiss(String id, String agent, String reason) {
        return transition(id, "dismiss", PainPoint.Status.DISMISSED, agent, reason)
                .call(view -> outbox.publish(new PainPointResolved(view.painPoint().customerId, id, "dismissed",
                        view.painPoint().ruleId)));
    }

    private Uni<View> transition(String id, String command, PainPoint.Status to, String agent, String note) {
        return find(id).chain(painPoint -> {
            Set<PainPoint.Status> from = ALLOWED_FROM.get(command);
            if (!from.contains(PainPoint.Status.valueOf(painPoint.status))) {
                return Uni.createFrom().failure(ProblemException.conflict("cannot " + command + " a pain point that is "
                        + painPoint.status + "; allowed from " + from.stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(", "))));
            }
            painPoint.status = to.name();
            painPoint.statusChangedAt = OffsetDateTime.now(clock);
            painPoint.statusChangedBy = agent;
            painPoint.statusNote = note;
            if (to == PainPoint.Status.DISMISSED) {
                painPoint.resolution = "dismissed";
            }
            return views(List.of(painPoint)).map(views -> views.get(0));
        });
    }

    private Uni<PainPoint> find(String id) {
        return painPoints.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("pain point", id));
    }

    private Uni<List<View>> views(List<PainPoint> page) {
        List<String> ids = page.stream().map(painPoint -> painPoint.id).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return painPoints.evidence(ids).chain(evidence -> interventions.ofPainPoints(ids).map(all -> {
            Map<String, List<Intervention>> byPainPoint = all.stream()
                    .collect(Collectors.groupingBy(intervention -> intervention.painPointId));
            return page.stream().map(painPoint -> new View(painPoint, evidence.getOrDefault(painPoint.id, List.of()),
                    byPainPoint.getOrDefault(painPoint.id, List.of()))).toList();
        }));
    }
}
