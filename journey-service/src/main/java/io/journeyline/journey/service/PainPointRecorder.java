package io.journeyline.journey.service;

import io.journeyline.contract.event.PainPointDetected;
import io.journeyline.journey.domain.PainPoint;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RuleSetDocument.Status;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import io.journeyline.journey.persistence.PainPointRepository;
import io.journeyline.journey.persistence.PainPointRepository.Evidence;
import io.journeyline.journey.service.TimelineService.OwnEntry;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores what the rules detected, in the caller's transaction: new pain points (a SHADOW rule's as candidates,
 * nothing emitted), every piece of evidence, {@code pain-point-detected} for new ACTIVE ones, and their
 * interventions. A pain point that already exists (the same episode found again) only gains evidence.
 */
@ApplicationScoped
public class PainPointRecorder {
    private final PainPointRepository painPoints;
    private final InterventionService interventions;
    private final Outbox outbox;
    private final TimelineService timeline;
    private final Clock clock;

    public PainPointRecorder(PainPointRepository painPoints, InterventionService interventions, Outbox outbox,
                             TimelineService timeline, Clock clock) {
        this.painPoints = painPoints;
        this.interventions = interventions;
        this.outbox = outbox;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Uni<Void> record(List<Detection> detections) {
        if (detections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Detection> opened = new LinkedHashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        for (Detection detection : detections) {
            if (detection.firing().opened()) {
                opened.putIfAbsent(detection.painPointId(), detection);
            }
            for (Mark mark : detection.evidence()) {
                evidence.add(new Evidence(detection.painPointId(), mark.eventId(), mark.time().atOffset(ZoneOffset.UTC),
                        mark.customerId()));
            }
        }
        List<PainPoint> rows = opened.values().stream().map(detection -> row(detection, now)).toList();
        return painPoints.insertNew(rows)
                .call(() -> painPoints.addEvidence(evidence))
                .chain(inserted -> {
                    List<Detection> fresh = opened.values().stream()
                            .filter(detection -> inserted.contains(detection.painPointId()))
                            .filter(detection -> detection.rule().status() == Status.ACTIVE).toList();
                    Uni<List<OwnEntry>> published = Uni.createFrom().item(new ArrayList<>());
                    for (Detection detection : fresh) {
                        if (detection.customerId() != null) {
                            PainPointDetected event = detected(detection);
                            published = published.chain(entries -> outbox.publish(event,
                                    new Cause("pain-point|" + detection.painPointId(), null)).map(id -> {
                                entries.add(OwnEntry.of(event, id, detection.detectedAt().atOffset(ZoneOffset.UTC)));
                                return entries;
                            }));
                        }
                    }
                    return published.chain(timeline::recordOwn).chain(() -> interventions.decide(fresh));
                });
    }

    private static PainPoint row(Detection detection, OffsetDateTime now) {
        PainPoint row = new PainPoint();
        row.id = detection.painPointId();
        row.customerId = detection.customerId();
        row.ruleId = detection.rule().id();
        row.ruleVersion = detection.rule().version();
        row.ruleSetVersion = detection.ruleSetVersion();
        row.shadow = detection.rule().status() == Status.SHADOW;
        row.status = (row.shadow ? PainPoint.Status.CANDIDATE : PainPoint.Status.OPEN).name();
        row.severity = detection.rule().severity().name();
        row.stateKey = detection.key();
        row.topic = detection.latest("topic");
        row.touchpoint = detection.latest("touchpoint");
        row.detectedAt = detection.detectedAt().atOffset(ZoneOffset.UTC);
        row.recordedAt = now;
        return row;
    }

    private static PainPointDetected detected(Detection detection) {
        return new PainPointDetected(detection.customerId(), detection.painPointId(), detection.rule().id(),
                detection.rule().version(), detection.rule().severity(),
                detection.evidence().stream().map(Mark::eventId).toList(),
                detection.latest("touchpoint"), detection.latest("topic"));
    }
}
