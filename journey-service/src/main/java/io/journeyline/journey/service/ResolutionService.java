package io.journeyline.journey.service;

import io.journeyline.contract.EventType;
import io.journeyline.contract.event.PainPointResolved;
import io.journeyline.journey.domain.PainPoint;
import io.journeyline.journey.persistence.KnownCaseRepository;
import io.journeyline.journey.persistence.PainPointRepository;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ForeignReferenceException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closes the loop on pain points, in the batch's transaction: a pain point is RESOLVED when the education it caused
 * was completed and its signal had not recurred meanwhile (no later pain point of the same rule, customer and key;
 * a recurrence after that is PP-EDU-NO-EFFECT's business), or when the case it caused closed RECOVERED. Each
 * resolution is published as {@code journey.pain-point-resolved} and shown in the timeline. Only the event's own
 * customer's pain points: {@link ReferenceGuard} has refused events naming another's.
 */
@ApplicationScoped
public class ResolutionService {
    /** The agent name recorded on pain points the system resolves. */
    static final String RESOLVED_BY = "journey-service";

    private final PainPointRepository painPoints;
    private final KnownCaseRepository cases;
    private final Outbox outbox;
    private final TimelineService timeline;
    private final Clock clock;

    public ResolutionService(PainPointRepository painPoints, KnownCaseRepository cases, Outbox outbox,
                             TimelineService timeline, Clock clock) {
        this.painPoints = painPoints;
        this.cases = cases;
        this.outbox = outbox;
        this.timeline = timeline;
        this.clock = clock;
    }

    private record Outcome(IncomingEvent cause, String resolution) {
    }

    public Uni<Void> apply(List<IncomingEvent> events) {
        Map<String, Outcome> byPainPoint = new LinkedHashMap<>();
        List<IncomingEvent> recovered = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (event.type() == EventType.EDUCATION_COMPLETED && event.dataText("painPointId") != null) {
                byPainPoint.putIfAbsent(event.dataText("painPointId"), new Outcome(event, "education-completed"));
            } else if (event.type() == EventType.CASE_CLOSED && "RECOVERED".equals(event.dataText("outcome"))) {
                recovered.add(event);
            }
        }
        if (byPainPoint.isEmpty() && recovered.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> casesRead = recovered.isEmpty() ? Uni.createFrom().voidItem()
                : cases.painPointsOf(recovered.stream().map(event -> event.dataText("caseId")).toList())
                .invoke(ofCase -> recovered.forEach(event -> {
                    String painPointId = ofCase.get(event.dataText("caseId"));
                    if (painPointId != null) {
                        byPainPoint.putIfAbsent(painPointId, new Outcome(event, "case-recovered"));
                    }
                })).replaceWithVoid();
        return casesRead.chain(() -> byPainPoint.isEmpty() ? Uni.createFrom().voidItem()
                : painPoints.recurred(List.copyOf(byPainPoint.keySet())).chain(recurred ->
                painPoints.openOnes(List.copyOf(byPainPoint.keySet())).chain(open -> resolve(open, byPainPoint, recurred))));
    }

    private Uni<Void> resolve(List<PainPoint> open, Map<String, Outcome> outcomes, Set<String> recurred) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Announcements announcements = new Announcements();
        for (PainPoint painPoint : open) {
            Outcome outcome = outcomes.get(painPoint.id);
            if (painPoint.customerId != null && !painPoint.customerId.equals(outcome.cause().customerId())) {
                // ReferenceGuard refuses such events; a case whose opening named another's pain point before it did
                // must not resolve it either
                throw new ForeignReferenceException("painPointId", painPoint.id);
            }
            if (outcome.resolution().equals("education-completed") && recurred.contains(painPoint.id)) {
                continue;
            }
            painPoint.status = PainPoint.Status.RESOLVED.name();
            painPoint.resolution = outcome.resolution();
            painPoint.statusChangedAt = now;
            painPoint.statusChangedBy = RESOLVED_BY;
            PainPointResolved event = new PainPointResolved(painPoint.customerId, painPoint.id, outcome.resolution(),
                    painPoint.ruleId);
            announcements.publish(new Outbox.Publication(event, Cause.of(outcome.cause()).and("pain-point=" + painPoint.id)),
                    outcome.cause().time());
        }
        return announcements.send(outbox, timeline).replaceWithVoid();
    }
}
