package io.journeyline.journey.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.event.CaseRequested;
import io.journeyline.contract.event.EducationRequested;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.contract.event.SurveyRequested;
import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.journey.config.InterventionsConfig;
import io.journeyline.journey.domain.Intervention;
import io.journeyline.journey.domain.interventions.InterventionGuards;
import io.journeyline.journey.domain.interventions.InterventionGuards.Decision;
import io.journeyline.journey.domain.interventions.InterventionGuards.History;
import io.journeyline.journey.domain.interventions.InterventionPlan;
import io.journeyline.journey.domain.interventions.InterventionPlan.Ask;
import io.journeyline.journey.domain.interventions.InterventionGuards.Sent;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RuleSetDocument.Action;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.persistence.InterventionRepository;
import io.journeyline.journey.service.TimelineService.OwnEntry;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns new pain points into interventions, restrained by the guards: reads the customers' recent interventions,
 * open cases and consents in one query, decides in event-time order (each decision seeing the ones
 * before it), stores every decision, and hands back the requests to publish on {@code journey.interventions}.
 */
@ApplicationScoped
public class InterventionService {
    private final InterventionRepository interventions;
    private final Clock clock;
    private final MeterRegistry registry;
    private final InterventionGuards guards;
    private final Duration lookBack;

    public InterventionService(InterventionRepository interventions, Clock clock, InterventionsConfig settings,
                               MeterRegistry registry) {
        this.interventions = interventions;
        this.registry = registry;
        this.clock = clock;
        this.guards = new InterventionGuards(guardSettings(settings));
        this.lookBack = lookBack(settings);
    }

    /** The guards as configured ({@code journeyline.interventions.*}). */
    public static InterventionGuards.Settings guardSettings(InterventionsConfig settings) {
        return new InterventionGuards.Settings(settings.cooldown(), settings.cap(), settings.capWindow(),
                settings.surveySpacing(), Set.copyOf(settings.consentedByDefault()), settings.staleAfter());
    }

    /** How far back the guards look at what was sent: the longest of cooldown, cap window and survey spacing. */
    public static Duration lookBack(InterventionsConfig settings) {
        return Stream.of(settings.cooldown(), settings.capWindow(), settings.surveySpacing())
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Decides, stores and publishes the interventions of ACTIVE pain points: new ones ask for their action; a content
     * gap (new, or joined by more complainants) asks for an explainer for each complainant, once per complainant.
     */
    public Uni<Announcements> decide(List<Detection> detections) {
        List<Ask> asks = InterventionPlan.asks(detections);
        if (asks.isEmpty()) {
            return Uni.createFrom().item(new Announcements());
        }
        Set<String> customers = asks.stream().map(Ask::customerId).collect(Collectors.toSet());
        OffsetDateTime since = asks.get(0).detection().detectedAt().minus(lookBack).atOffset(ZoneOffset.UTC);
        boolean cases = asks.stream().anyMatch(ask -> ask.type() == ActionType.CASE);
        return interventions.guardFacts(customers, since, cases).chain(facts -> record(asks, facts));
    }

    private Uni<Announcements> record(List<Ask> asks, InterventionRepository.GuardFacts facts) {
        Map<String, List<Sent>> sentTo = new HashMap<>();
        for (Intervention intervention : facts.sent()) {
            sentTo.computeIfAbsent(intervention.customerId, c -> new ArrayList<>()).add(new Sent(intervention.ruleId,
                    intervention.topic, ActionType.valueOf(intervention.type), intervention.decidedAt.toInstant()));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Intervention> rows = new ArrayList<>();
        Map<String, JourneyEvent> toPublish = new HashMap<>();
        for (Ask ask : asks) {
            Detection detection = ask.detection();
            ActionType type = ask.type();
            List<Sent> history = sentTo.computeIfAbsent(ask.customerId(), c -> new ArrayList<>());
            Decision decision = guards.decide(ask.request(), new History(history,
                    facts.openCases().contains(ask.customerId()),
                    facts.consents().getOrDefault(ask.customerId(), Map.of())), now.toInstant());
            Intervention row = new Intervention();
            row.id = uuid("intervention|" + detection.painPointId() + "|" + ask.customerId());
            row.painPointId = detection.painPointId();
            row.customerId = ask.customerId();
            row.ruleId = detection.rule().id();
            row.type = type.name();
            row.topic = ask.topic();
            row.status = (decision.sent() ? Intervention.Status.SENT : Intervention.Status.SUPPRESSED).name();
            row.suppressedBy = decision.sent() ? null : decision.suppressedBy().wire();
            row.reason = decision.sent() ? reason(detection) : decision.reason();
            row.decidedAt = detection.detectedAt().atOffset(ZoneOffset.UTC);
            row.recordedAt = now;
            rows.add(row);
            if (decision.sent()) {
                history.add(new Sent(row.ruleId, row.topic, type, detection.detectedAt()));
                toPublish.put(row.id, event(row, detection, ask.customerId(),
                        facts.openEvidence().getOrDefault(ask.customerId() + "|" + ask.topic(), Set.of())));
            }
        }
        return interventions.insertNew(rows).map(inserted -> {
            Announcements announcements = new Announcements();
            for (Intervention row : rows) {
                if (!inserted.contains(row.id)) {
                    continue;
                }
                registry.counter("journeyline.interventions", "type", row.type, "status", row.status,
                        "guard", row.suppressedBy == null ? "none" : row.suppressedBy).increment();
                JourneyEvent event = toPublish.get(row.id);
                if (event == null) {
                    announcements.show(suppressed(row));
                } else {
                    announcements.publish(new Outbox.Publication(event, new Cause("intervention|" + row.id, null)),
                            row.decidedAt);
                }
            }
            return announcements;
        });
    }

    /** The topic of an education request whose pain point names none (the contract requires one). */
    static final String GENERAL_TOPIC = "general";

    /** The timeline type of a suppressed intervention (never published: a timeline entry only). */
    public static final String SUPPRESSED_TYPE = "io.journeyline.journey.intervention-suppressed";

    private static OwnEntry suppressed(Intervention row) {
        ObjectNode data = EventJson.mapper().createObjectNode().put("customerId", row.customerId)
                .put("interventionId", row.id).put("painPointId", row.painPointId).put("ruleId", row.ruleId)
                .put("type", row.type).put("topic", row.topic).put("suppressedBy", row.suppressedBy)
                .put("reason", row.reason);
        return new OwnEntry(row.customerId, row.id, SUPPRESSED_TYPE, row.decidedAt, row.type + " not sent ("
                + row.suppressedBy + "): " + row.reason, data);
    }

    /**
     * The request for a sent intervention. A case request's evidence is its own and that of the customer's other open
     * pain points on the same topic (a failed self-service and the calls after it are one problem for its owner).
     */
    private static JourneyEvent event(Intervention row, Detection detection, String customerId,
                                      Set<String> openEvidenceOnTopic) {
        Action action = detection.rule().action();
        String reason = reason(detection);
        return switch (ActionType.valueOf(row.type)) {
            case EDUCATION -> new EducationRequested(row.customerId, row.id, row.painPointId,
                    row.topic != null ? row.topic : GENERAL_TOPIC, reason,
                    action.level() != null ? action.level() : "BASIC", detection.rule().id());
            case CASE -> new CaseRequested(row.customerId, row.id, row.painPointId, detection.rule().severity(), reason,
                    caseEvidence(detection, customerId, openEvidenceOnTopic), row.topic,
                    action.priority() == null ? Priority.NORMAL : action.priority(), detection.latest("touchpoint"));
            case SURVEY -> new SurveyRequested(row.customerId, row.id, action.surveyKind(), reason,
                    detection.latest("touchpoint"), null, row.topic);
            default -> throw new IllegalArgumentException("no intervention for " + row.type);
        };
    }

    private static List<String> caseEvidence(Detection detection, String customerId, Set<String> openEvidenceOnTopic) {
        Set<String> evidence = new LinkedHashSet<>(openEvidenceOnTopic);
        detection.evidence().stream().filter(mark -> customerId.equals(mark.customerId()))
                .forEach(mark -> evidence.add(mark.eventId()));
        return List.copyOf(evidence);
    }

    /** The rule's id and description: what an agent or a satellite service reads as the reason. */
    private static String reason(Detection detection) {
        String description = detection.rule().description();
        String reason = detection.rule().id() + (description == null ? "" : ": " + description);
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
