package io.journeyline.journey.domain.interventions;

import io.journeyline.journey.domain.interventions.InterventionGuards.Request;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.domain.rules.RuleState.Mark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which interventions detections ask for, before the guards: a new pain point of a customer asks for its rule's
 * action; a content gap (new, or joined by more complainants) asks for an explainer for each complainant. Pure, so live
 * evaluation ({@code InterventionService}) and a backtest over stored history ask the same way.
 */
public final class InterventionPlan {

    private InterventionPlan() {
    }

    /** One intervention a pain point asks for, for one customer. */
    public record Ask(Detection detection, String customerId, ActionType type, String topic) {

        /** What the guards decide on. */
        public Request request() {
            return new Request(detection.rule().id(), topic, type, detection.detectedAt(), detection.completedAt(),
                    detection.rule().cooldown());
        }
    }

    /** The asks of {@code detections}, in the order they are decided: event time, then pain point id. */
    public static List<Ask> asks(List<Detection> detections) {
        List<Ask> asks = new ArrayList<>();
        for (Detection detection : detections) {
            ActionType type = detection.rule().action().type();
            if (type == ActionType.CONTENT_GAP) {
                String topic = topicOf(detection);
                detection.evidence().stream().map(Mark::customerId).distinct()
                        .forEach(customer -> asks.add(new Ask(detection, customer, ActionType.EDUCATION, topic)));
            } else if (type != ActionType.NONE && detection.customerId() != null && detection.firing().opened()) {
                asks.add(new Ask(detection, detection.customerId(), type, topicOf(detection)));
            }
        }
        asks.sort(Comparator.comparing((Ask ask) -> ask.detection().detectedAt())
                .thenComparing(ask -> ask.detection().painPointId()));
        return asks;
    }

    /**
     * The topic an intervention is about: the data field the rule's action names ({@code topicFrom}), else the
     * evidence's topic, else its touchpoint, else the key (a stall's stage); null when there is none.
     */
    public static String topicOf(Detection detection) {
        String from = detection.rule().action().topicFrom();
        String topic = from == null ? null : detection.latest(from);
        if (topic == null) {
            topic = detection.latest("topic");
        }
        if (topic == null) {
            topic = detection.latest("touchpoint");
        }
        if (topic == null && !detection.key().isEmpty()) {
            topic = detection.key().substring(detection.key().indexOf('=') + 1).toLowerCase(Locale.ROOT);
        }
        return topic;
    }
}
