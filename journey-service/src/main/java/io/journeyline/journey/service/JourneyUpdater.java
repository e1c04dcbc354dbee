package io.journeyline.journey.service;

import io.journeyline.journey.persistence.CustomerContextRepository;
import io.journeyline.journey.persistence.CustomerContextRepository.CaseStatusRow;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Everything a consumed batch changes in journey-service, in the batch's transaction and in this order: the
 * timelines, what the guards must know (the customers' cases), then the pain-point rules.
 */
@ApplicationScoped
public class JourneyUpdater {
    private final TimelineService timeline;
    private final CustomerContextRepository context;
    private final RuleEvaluationService rules;

    public JourneyUpdater(TimelineService timeline, CustomerContextRepository context, RuleEvaluationService rules) {
        this.timeline = timeline;
        this.context = context;
        this.rules = rules;
    }

    public Uni<Void> apply(List<IncomingEvent> events) {
        return timeline.record(events)
                .chain(() -> context.recordCases(events.stream()
                        .filter(event -> event.type().type().startsWith("io.journeyline.case."))
                        .map(JourneyUpdater::caseStatus).toList()))
                .chain(() -> rules.evaluate(events));
    }

    private static CaseStatusRow caseStatus(IncomingEvent event) {
        return new CaseStatusRow(event.dataText("caseId"), event.customerId(), event.dataText("topic"),
                event.dataText("status"), event.time());
    }
}
