package io.journeyline.journey.service;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.ContentGapDetected;
import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.contract.event.PainPointDetected;
import io.journeyline.journey.domain.PainPoint;
import io.journeyline.journey.domain.interventions.InterventionPlan;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.domain.rules.RuleSetDocument.Status;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import io.journeyline.journey.persistence.PainPointRepository;
import io.journeyline.journey.persistence.PainPointRepository.Evidence;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MeterRegistry registry;

    private final Pseudonyms pseudonyms;

    public PainPointRecorder(PainPointRepository painPoints, InterventionService interventions, Outbox outbox,
                             TimelineService timeline, Clock clock, MeterRegistry registry, Pseudonyms pseudonyms) {
        this.painPoints = painPoints;
        this.interventions = interventions;
        this.outbox = outbox;
        this.timeline = timeline;
        this.clock = clock;
        this.registry = registry;
        this.pseudonyms = pseudonyms;
    }

    /**
     * Records the detections; returns the {@code pain-point-detected} events it published, as consumed events, for
     * the rules that listen to pain points (PP-EDU-NO-EFFECT).
     */
    public Uni<List<IncomingEvent>> record(List<Detection> detections) {
        if (detections.isEmpty()) {
            return Uni.createFrom().item(List.of());
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
                    opened.values().stream().filter(detection -> inserted.contains(detection.painPointId()))
                            .forEach(detection -> registry.counter("journeyline.pain.points.detected", "rule",
                                    detection.rule().id(), "status", detection.rule().status().name()).increment());
                    List<Detection> fresh = opened.values().stream()
                            .filter(detection -> inserted.contains(detection.painPointId()))
                            .filter(detection -> detection.rule().status() == Status.ACTIVE).toList();
                    // complainants who join a content gap already detected are educated too
                    List<Detection> toAct = new ArrayList<>(fresh);
                    detections.stream().filter(detection -> !detection.firing().opened())
                            .filter(detection -> detection.rule().status() == Status.ACTIVE)
                            .filter(detection -> detection.rule().action().type() == ActionType.CONTENT_GAP)
                            .forEach(toAct::add);
                    Announcements announcements = new Announcements();
                    List<Detection> ofCustomers = new ArrayList<>();
                    for (Detection detection : fresh) {
                        if (detection.rule().action().type() == ActionType.CONTENT_GAP) {
                            announcements.publish(new Outbox.Publication(contentGap(detection),
                                    new Cause("content-gap|" + detection.painPointId(), null)), null);
                        } else if (detection.customerId() != null) {
                            announcements.publish(new Outbox.Publication(detected(detection),
                                    new Cause("pain-point|" + detection.painPointId(), null)),
                                    detection.detectedAt().atOffset(ZoneOffset.UTC));
                            ofCustomers.add(detection);
                        }
                    }
                    return interventions.decide(toAct).chain(requests -> {
                        List<Outbox.Publication> ownDetections = List.copyOf(announcements.publications());
                        return announcements.add(requests).send(outbox, timeline).map(ids -> {
                            List<IncomingEvent> detected = new ArrayList<>();
                            for (int p = 0, d = 0; p < ownDetections.size(); p++) {
                                if (ownDetections.get(p).event() instanceof PainPointDetected event) {
                                    detected.add(new IncomingEvent(ids.get(p), TimelineService.OWN_SOURCE,
                                            EventType.PAIN_POINT_DETECTED,
                                            ofCustomers.get(d++).detectedAt().atOffset(ZoneOffset.UTC),
                                            event.customerId(), EventJson.mapper().valueToTree(event), Map.of()));
                                }
                            }
                            return detected;
                        });
                    });
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
        row.topic = InterventionPlan.topicOf(detection);
        row.touchpoint = detection.latest("touchpoint");
        row.detectedAt = detection.detectedAt().atOffset(ZoneOffset.UTC);
        row.recordedAt = now;
        return row;
    }

    /** The gap's customers by their pseudonyms ({@link Pseudonyms}): the event is on Kafka for its retention. */
    private ContentGapDetected contentGap(Detection detection) {
        List<Mark> evidence = detection.evidence();
        Object category = detection.rule().on().where() == null ? null : detection.rule().on().where().get("category");
        String key = detection.key();
        return new ContentGapDetected(key.substring(key.indexOf('=') + 1), category == null ? "MISUNDERSTANDING"
                : category.toString(), evidence.size(), evidence.get(0).time().atOffset(ZoneOffset.UTC),
                evidence.get(evidence.size() - 1).time().atOffset(ZoneOffset.UTC),
                evidence.stream().map(Mark::customerId).distinct().map(pseudonyms::of).toList(),
                evidence.stream().map(Mark::eventId).toList(), detection.painPointId());
    }

    private static PainPointDetected detected(Detection detection) {
        return new PainPointDetected(detection.customerId(), detection.painPointId(), detection.rule().id(),
                detection.rule().version(), detection.rule().severity(),
                detection.evidence().stream().map(Mark::eventId).toList(),
                detection.latest("touchpoint"), InterventionPlan.topicOf(detection));
    }
}
