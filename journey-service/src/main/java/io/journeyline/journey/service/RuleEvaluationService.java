package io.journeyline.journey.service;

import io.journeyline.contract.EventType;
import io.journeyline.journey.config.RulesConfig;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.CompiledRuleSet.Match;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RulePatterns;
import io.journeyline.journey.domain.rules.RulePatterns.Anchor;
import io.journeyline.journey.domain.rules.RulePatterns.Firing;
import io.journeyline.journey.domain.rules.RulePatterns.Step;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleState;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import io.journeyline.journey.persistence.CustomerRepository;
import io.journeyline.journey.persistence.RuleStateRepository;
import io.journeyline.journey.persistence.RuleStateRepository.StateKey;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.journeyline.platform.timers.Timers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs the active rule set over a consumed batch, inside the batch's transaction: matches every event against the
 * rules listening to its type, reads all touched rule states in one locking statement, applies the patterns in
 * memory, writes the states back in one statement, schedules absence timers, and records what fired. When an
 * absence timer comes due it checks, in the timer batch's transaction, whether the expected event came.
 */
@ApplicationScoped
public class RuleEvaluationService implements TimerHandler {
    /** The timer kind of absence checks; its key names the rule, state and anchor event. */
    static final String ABSENCE = "rule-absence";

    private final ActiveRuleSet active;
    private final RuleStateRepository states;
    private final PainPointRecorder recorder;
    private final Timers timers;
    private final Clock clock;
    private final RulesConfig config;
    private final ConditionLimits limits;
    private final Counter lateEvents;
    private final CustomerRepository customers;

    public RuleEvaluationService(ActiveRuleSet active, RuleStateRepository states, PainPointRecorder recorder,
                                 Timers timers, Clock clock, RulesConfig config, ConditionLimits limits,
                                 MeterRegistry registry, CustomerRepository customers) {
        this.active = active;
        this.states = states;
        this.recorder = recorder;
        this.timers = timers;
        this.clock = clock;
        this.config = config;
        this.limits = limits;
        this.customers = customers;
        this.lateEvents = Counter.builder("journeyline.rules.late.events")
                .description("Matches older than the allowed lateness: in the timeline, not in rule state")
                .register(registry);
    }

    /** An absence check waiting for its time: which rule state and which anchor event. */
    record AbsencePayload(String ruleId, String scope, String key, String anchorId) {
    }

    /**
     * Evaluates {@code ruleSet} (the active one, read by the caller in the batch's transaction) over a batch, then
     * over the pain points it detected, for the rules that listen to pain points (one level: PP-EDU-NO-EFFECT's own
     * detections are not evaluated again).
     */
    public Uni<Void> evaluate(CompiledRuleSet ruleSet, List<IncomingEvent> events) {
        return evaluateOnce(ruleSet, events).chain(detected -> feedBack(ruleSet, detected));
    }

    /** Evaluates the rules that listen to pain points over journey-service's own fresh detections. */
    Uni<Void> feedBack(CompiledRuleSet ruleSet, List<IncomingEvent> detected) {
        String type = EventType.PAIN_POINT_DETECTED.type();
        if (detected.isEmpty() || !ruleSet.listensTo(type)) {
            return Uni.createFrom().voidItem();
        }
        List<IncomingEvent> fromOtherRules = detected.stream().filter(event -> ruleSet.evaluatedRules().stream()
                .filter(rule -> rule.id().equals(event.dataText("ruleId"))).noneMatch(RulePatterns::listensToPainPoints))
                .toList();
        return evaluateOnce(ruleSet, fromOtherRules).replaceWithVoid();
    }

    private Uni<List<IncomingEvent>> evaluateOnce(CompiledRuleSet ruleSet, List<IncomingEvent> events) {
        List<Detection> detections = new ArrayList<>();
        Map<StateKey, List<Mark>> matches = new TreeMap<>();
        Map<String, Rule> rules = new TreeMap<>();
        for (IncomingEvent event : events) {
            if (event.customerId() == null || !ruleSet.listensTo(event.type().type())) {
                continue;
            }
            for (Match match : ruleSet.matches(event, limits)) {
                Rule rule = match.rule();
                Mark mark = new Mark(match.role(), event.time().toInstant(), event.id(), event.customerId(),
                        event.dataText("topic"), event.dataText("touchpoint"), RuleState.PENDING);
                if (RulePatterns.stateful(rule)) {
                    String scope = rule.aggregate() != null ? RuleStateRepository.ACROSS_CUSTOMERS : event.customerId();
                    matches.computeIfAbsent(new StateKey(rule.id(), scope, match.key()), k -> new ArrayList<>()).add(mark);
                    rules.put(rule.id(), rule);
                } else {
                    detections.add(Detection.ofEvent(rule, ruleSet.version(), event.customerId(), match.key(), mark));
                }
            }
        }
        if (matches.isEmpty()) {
            return recorder.record(detections);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return states.lockAndRead(List.copyOf(matches.keySet()), now).chain(read -> {
            Map<StateKey, RuleState> next = new TreeMap<>();
            List<Timers.Schedule> schedules = new ArrayList<>();
            matches.forEach((key, marks) -> {
                Rule rule = rules.get(key.ruleId());
                Step step = RulePatterns.apply(rule, read.getOrDefault(key, RuleState.empty()), marks,
                        config.allowedLateness());
                next.put(key, step.state());
                lateEvents.increment(step.late().size());
                for (Firing firing : step.firings()) {
                    detections.add(Detection.ofEpisode(rule, ruleSet.version(), key.scope(), key.key(), firing));
                }
                for (Anchor anchor : step.absenceAnchors()) {
                    AbsencePayload payload = new AbsencePayload(key.ruleId(), key.scope(), key.key(),
                            anchor.mark().eventId());
                    schedules.add(new Timers.Schedule(ABSENCE, timerKey(payload), anchor.dueAt(), Timers.json(payload)));
                }
            });
            return states.write(next, now).chain(() -> timers.scheduleAll(schedules))
                    .chain(() -> recorder.record(detections));
        });
    }

    @Override
    public String kind() {
        return ABSENCE;
    }

    /**
     * The customer first, then rule state, as the consumer locks them (see {@link TimerHandler#tryLockFirst}); an
     * aggregate's state has no customer to lock.
     */
    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return tryLockFirstAll(List.of(timer)).map(locked -> locked.contains(timer.key()));
    }

    @Override
    public Uni<Set<String>> tryLockFirstAll(List<FiredTimer> due) {
        Map<String, String> customerOf = new HashMap<>();
        due.forEach(timer -> customerOf.put(timer.key(), timer.payloadAs(AbsencePayload.class).scope()));
        return customers.tryLockAll(customerOf.values().stream()
                        .filter(scope -> !RuleStateRepository.ACROSS_CUSTOMERS.equals(scope)).collect(Collectors.toSet()))
                .map(locked -> customerOf.entrySet().stream()
                        .filter(timer -> RuleStateRepository.ACROSS_CUSTOMERS.equals(timer.getValue())
                                || locked.contains(timer.getValue()))
                        .map(Map.Entry::getKey).collect(Collectors.toSet()));
    }

    /** An absence check came due: fires when the expected event has not come (and the rule is still evaluated). */
    @Override
    public Uni<Void> fire(FiredTimer timer) {
        return fireAll(List.of(timer));
    }

    /**
     * Absence checks that came due, set-based as the consumer's batch: every touched rule state locked and read in one
     * statement, each timer applied in due order (two anchors of one state see each other's outcome), the states
     * written back in one statement, and what fired recorded together.
     */
    @Override
    public Uni<Void> fireAll(List<FiredTimer> due) {
        return active.current().chain(ruleSet -> {
            Map<String, Rule> absenceRules = new HashMap<>();
            ruleSet.evaluatedRules().stream().filter(rule -> rule.absence() != null)
                    .forEach(rule -> absenceRules.put(rule.id(), rule));
            List<AbsencePayload> anchors = due.stream().map(timer -> timer.payloadAs(AbsencePayload.class))
                    .filter(anchor -> absenceRules.containsKey(anchor.ruleId())).toList();
            if (anchors.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<StateKey> keys = anchors.stream().map(RuleEvaluationService::stateOf).distinct().toList();
            OffsetDateTime now = OffsetDateTime.now(clock);
            return states.lockAndRead(keys, now).chain(read -> {
                Map<StateKey, RuleState> next = new TreeMap<>();
                List<Detection> detections = new ArrayList<>();
                for (AbsencePayload anchor : anchors) {
                    StateKey key = stateOf(anchor);
                    Step step = RulePatterns.absenceDue(next.getOrDefault(key, read.getOrDefault(key, RuleState.empty())),
                            anchor.anchorId());
                    next.put(key, step.state());
                    Rule rule = absenceRules.get(anchor.ruleId());
                    step.firings().forEach(firing -> detections.add(
                            Detection.ofEpisode(rule, ruleSet.version(), key.scope(), key.key(), firing)));
                }
                return states.write(next, now).chain(() -> recorder.record(detections))
                        .chain(detected -> feedBack(ruleSet, detected));
            });
        });
    }

    private static StateKey stateOf(AbsencePayload anchor) {
        return new StateKey(anchor.ruleId(), anchor.scope(), anchor.key());
    }

    private static String timerKey(AbsencePayload anchor) {
        return anchor.ruleId() + "|" + anchor.scope() + "|" + anchor.key() + "|" + anchor.anchorId();
    }
}
