package io.journeyline.journey.service;

import io.journeyline.journey.persistence.KnownCaseRepository;
import io.journeyline.journey.persistence.KnownCaseRepository.CaseStatusRow;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Everything a consumed batch changes in journey-service, in the batch's transaction and in this order — once
 * {@link ReferenceGuard} found no event naming another customer's pain point, intervention or case: the timelines, what the guards must know (the customers' cases), identity links, consent, the stages, then the
 * pain-point rules (stages and rules with the rule set active when the batch began), then resolutions (education
 * completed, cases recovered).
 */
@ApplicationScoped
public class JourneyUpdater {
    private final ReferenceGuard references;
    private final TimelineService timeline;
    private final KnownCaseRepository context;
    private final IdentityService identities;
    private final ConsentService consents;
    private final ActiveRuleSet active;
    private final StageService stages;
    private final RuleEvaluationService rules;
    private final ResolutionService resolutions;

    public JourneyUpdater(ReferenceGuard references, TimelineService timeline, KnownCaseRepository context,
                          IdentityService identities, ConsentService consents, ActiveRuleSet active, StageService stages,
                          RuleEvaluationService rules, ResolutionService resolutions) {
        this.references = references;
        this.timeline = timeline;
        this.context = context;
        this.identities = identities;
        this.consents = consents;
        this.active = active;
        this.stages = stages;
        this.rules = rules;
        this.resolutions = resolutions;
    }

    public Uni<Void> apply(List<IncomingEvent> events) {
        return references.check(events)
                .chain(() -> timeline.record(events))
                .chain(() -> context.recordCases(events.stream()
                        .filter(event -> event.type().type().startsWith("io.journeyline.case."))
                        .map(JourneyUpdater::caseStatus).toList()))
                .chain(() -> identities.apply(events))
                .chain(() -> consents.apply(events))
                .chain(active::current)
                .chain(ruleSet -> stages.apply(events, ruleSet).chain(() -> rules.evaluate(ruleSet, events)))
                .chain(() -> resolutions.apply(events));
    }

    private static CaseStatusRow caseStatus(IncomingEvent event) {
        return new CaseStatusRow(event.dataText("caseId"), event.customerId(), event.dataText("topic"),
                event.dataText("status"), event.time(), event.dataText("painPointId"));
    }
}
