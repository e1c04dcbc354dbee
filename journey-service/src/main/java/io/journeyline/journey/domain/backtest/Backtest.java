package io.journeyline.journey.domain.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.PainPointDetected;
import io.journeyline.journey.domain.backtest.BacktestResult.Example;
import io.journeyline.journey.domain.interventions.InterventionGuards;
import io.journeyline.journey.domain.interventions.InterventionGuards.Decision;
import io.journeyline.journey.domain.interventions.InterventionGuards.History;
import io.journeyline.journey.domain.interventions.InterventionGuards.Sent;
import io.journeyline.journey.domain.interventions.InterventionPlan;
import io.journeyline.journey.domain.interventions.InterventionPlan.Ask;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.CompiledRuleSet.Match;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RulePatterns;
import io.journeyline.journey.domain.rules.RulePatterns.Anchor;
import io.journeyline.journey.domain.rules.RulePatterns.Firing;
import io.journeyline.journey.domain.rules.RulePatterns.Step;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleSetDocument.Status;
import io.journeyline.journey.domain.rules.RuleState;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a rule set would have done over stored history: the customers' events replayed in event-time order through the
 * same matching ({@link CompiledRuleSet#matches}) and patterns ({@link RulePatterns}) live evaluation uses, absence
 * timers and stage stalls coming due on a virtual clock, and every intervention the detections ask for
 * ({@link InterventionPlan}) decided by the same guards ({@link InterventionGuards}) over the history as it was then.
 * Pure and in memory: it writes nothing, so nothing a customer or another service sees can change.
 *
 * <p>Events before {@code from} warm the rules' state up (a count that began before the period completes in it, an
 * episode that began before it is not new in it); what they detect is not reported. When a sample of customers is
 * given, per-customer rules run for the sample only, while aggregate rules (content gaps) see every customer's events,
 * as live; the report shows the sample's pain points and interventions.
 */
public final class Backtest {

    /**
     * @param from      the period's start: detections before it are warm-up
     * @param to        the period's end: nothing later is replayed or comes due
     * @param lateness  the rules' allowed lateness ({@code journeyline.rules.allowed-lateness})
     * @param guards    the guards as configured
     * @param sample    the customers the report is about, or null for all
     * @param examples  how many example pain points (and changed customers) the report keeps per rule
     * @param maxPainPoints the most pain points a backtest may find (warm-up included) before it stops with
     *                  {@link TooBig}: what it holds in memory grows with them
     */
    public record Settings(Instant from, Instant to, Duration lateness, InterventionGuards.Settings guards,
                           Set<String> sample, int examples, int maxPainPoints) {
    }

    /** The backtest found more pain points than {@link Settings#maxPainPoints()}: a sample or a shorter period. */
    public static final class TooBig extends RuntimeException {
        TooBig(int limit) {
            super("the backtest found more than " + limit + " pain points (journeyline.backtests.max-pain-points):"
                    + " choose a shorter period or a sample of customers");
        }
    }

    /** A consent as the database holds it now: the latest answer and when it was given. */
    public record KnownConsent(String purpose, boolean granted, Instant changedAt) {
    }

    /**
     * What is known of a customer from before the replay: interventions actually sent within the guards' look-back
     * before the period, the cases open when the replay starts (as the timeline's case events before it tell), and the
     * consents as they are now.
     */
    public record Known(List<Sent> sentBefore, Set<String> openCasesAtStart, List<KnownConsent> consents) {
        public static final Known NOTHING = new Known(List.of(), Set.of(), List.of());
    }

    /** A stay in a stage as recorded: entered at {@code enteredAt} by {@code causeEventId}, left at {@code leftAt} (null: still in it). */
    public record StageStay(String customerId, Stage stage, Instant enteredAt, Instant leftAt, String causeEventId) {
    }

    /** A pain point as recorded live over the period, with its evidence (event ids). */
    public record Recorded(String painPointId, String ruleId, String customerId, Instant detectedAt,
                           Set<String> evidence) {
    }

    private final CompiledRuleSet ruleSet;
    private final Settings settings;
    private final InterventionGuards guards;
    private final Map<String, RuleState> states = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::id));
    private final Map<String, Found> found = new LinkedHashMap<>();
    private final Map<String, Customer> customers = new HashMap<>();
    private final Map<String, Integer> limitReached = new HashMap<>();
    private final Set<String> decided = new HashSet<>();
    private final Duration lookBack;
    private long evaluated;

    public Backtest(CompiledRuleSet ruleSet, Settings settings) {
        this.ruleSet = ruleSet;
        this.settings = settings;
        this.guards = new InterventionGuards(settings.guards());
        Duration longest = java.util.stream.Stream.of(settings.guards().cooldown(), settings.guards().capWindow(),
                settings.guards().surveySpacing()).max(Comparator.naturalOrder()).orElseThrow();
        for (Rule rule : ruleSet.evaluatedRules()) {
            if (rule.cooldown() != null && rule.cooldown().compareTo(longest) > 0) {
                longest = rule.cooldown();
            }
        }
        this.lookBack = longest;
    }

    /** Evidence a pain point keeps for the comparison with what was recorded (and, the first few, its examples). */
    static final int EVIDENCE_KEPT = 1000;
    /** Evidence a pain point keeps with its time and topic, for the report's examples. */
    static final int EXAMPLE_EVIDENCE = 100;

    /** Something coming due on the virtual clock: an absence anchor, or a stall. */
    private record Due(Instant at, String id, Runnable action) {
    }

    /** A pain point the replay found, with what it asked for. */
    private static final class Found {
        final Detection first;
        final boolean inPeriod;
        final Set<String> evidence = new HashSet<>();
        final List<Mark> marks = new ArrayList<>();
        /** Whose events are its evidence: one customer, or an aggregate's complainants. */
        final Set<String> customers = new HashSet<>();
        final List<Decision> decisions = new ArrayList<>();
        boolean ifActivated;

        Found(Detection first, boolean inPeriod) {
            this.first = first;
            this.inPeriod = inPeriod;
        }
    }

    /** A customer's guard history as the replay goes. */
    private static final class Customer {
        final List<Sent> sent = new ArrayList<>();
        final Set<String> openCases = new HashSet<>();
        final Map<String, KnownConsent> knownConsents = new HashMap<>();
        final Map<String, Boolean> replayedConsents = new HashMap<>();
    }

    /**
     * The customers of {@code events} (of the sample, when there is one) this backtest knows nothing of yet: what to
     * look up before {@link #replay}.
     */
    public Set<String> unknownCustomers(List<IncomingEvent> events) {
        Set<String> unknown = new HashSet<>();
        for (IncomingEvent event : events) {
            if (event.customerId() != null && inSample(event.customerId()) && !customers.containsKey(event.customerId())) {
                unknown.add(event.customerId());
            }
        }
        return unknown;
    }

    /** What was known of {@code customerId} before the replay. */
    public void know(String customerId, Known known) {
        Customer customer = customers.computeIfAbsent(customerId, id -> new Customer());
        customer.sent.addAll(known.sentBefore());
        customer.openCases.addAll(known.openCasesAtStart());
        known.consents().forEach(consent -> customer.knownConsents.put(consent.purpose(), consent));
    }

    /** The recorded stays in stages: a stall rule fires where one lasted past its limit. */
    public void stays(List<StageStay> stays) {
        List<Rule> stallRules = ruleSet.evaluatedRules().stream().filter(rule -> rule.stall() != null).toList();
        for (StageStay stay : stays) {
            if (!inSample(stay.customerId())) {
                continue;
            }
            for (Rule rule : stallRules) {
                Duration limit = rule.stall().stages().get(stay.stage());
                if (limit == null) {
                    continue;
                }
                Instant reached = stay.enteredAt().plus(limit);
                if ((stay.leftAt() == null || stay.leftAt().isAfter(reached)) && !reached.isAfter(settings.to())) {
                    Mark cause = new Mark(CompiledRuleSet.Role.TRIGGER, reached, stay.causeEventId(), stay.customerId(),
                            null, null, RuleState.PENDING);
                    due.add(new Due(reached, "stall|" + rule.id() + "|" + stay.customerId() + "|" + stay.enteredAt(),
                            () -> detected(List.of(Detection.ofStall(rule, ruleSet.version(), stay.customerId(),
                                    stay.stage().name(), stay.enteredAt(), cause)), true)));
                }
            }
        }
    }

    /**
     * Replays events, in event-time order (a page of it; pages follow each other): what came due before each event
     * first, then the event's facts for the guards (cases, consents), then the rules.
     */
    public void replay(List<IncomingEvent> events) {
        for (IncomingEvent event : events) {
            Instant time = event.time().toInstant();
            comeDue(time);
            evaluated++;
            if (event.customerId() == null) {
                continue;
            }
            if (inSample(event.customerId())) {
                remember(customers.computeIfAbsent(event.customerId(), id -> new Customer()), event);
            }
            // journey-service's own consent entries tell the guards what the customer said; no rule hears them live
            if (event.type() != EventType.CUSTOMER_CONSENT_CHANGED) {
                evaluate(event, false);
            }
        }
    }

    /** The end of the period: what came due by then. */
    public void finish() {
        comeDue(settings.to());
    }

    /** Events evaluated so far (journey-service's own timeline entries are not read back). */
    public long evaluated() {
        return evaluated;
    }

    private void comeDue(Instant time) {
        while (!due.isEmpty() && !due.peek().at().isAfter(time)) {
            due.poll().action().run();
        }
    }

    /** Case and consent facts the guards read, as of this event. */
    private static void remember(Customer customer, IncomingEvent event) {
        switch (event.type()) {
            case CASE_OPENED, CASE_REOPENED -> customer.openCases.add(event.dataText("caseId"));
            case CASE_CLOSED -> customer.openCases.remove(event.dataText("caseId"));
            case CONSENT_CHANGED -> {
                if ("any".equals(event.dataText("channel"))) {
                    customer.replayedConsents.put(event.dataText("purpose"), event.data().path("granted").asBoolean());
                }
            }
            case CUSTOMER_CONSENT_CHANGED -> {
                for (JsonNode consent : event.data().path("consents")) {
                    if ("any".equals(consent.path("channel").asText())) {
                        customer.replayedConsents.put(consent.path("purpose").asText(), consent.path("granted").asBoolean());
                    }
                }
            }
            default -> {
            }
        }
    }

    /**
     * Matches one event against the rules and applies the patterns, as {@code RuleEvaluationService} does for a batch;
     * {@code fedBack} marks journey-service's own pain point, evaluated one level deep only.
     */
    private void evaluate(IncomingEvent event, boolean fedBack) {
        if (!ruleSet.listensTo(event.type().type())) {
            return;
        }
        List<Detection> detections = new ArrayList<>();
        for (Match match : ruleSet.matches(event, (rule, role) -> limitReached.merge(rule.id(), 1, Integer::sum))) {
            Rule rule = match.rule();
            if (rule.aggregate() == null && !inSample(event.customerId())) {
                continue;
            }
            if (fedBack && !listensToOthers(rule, event)) {
                continue;
            }
            Mark mark = new Mark(match.role(), event.time().toInstant(), event.id(), event.customerId(),
                    event.dataText("topic"), event.dataText("touchpoint"), RuleState.PENDING);
            if (!RulePatterns.stateful(rule)) {
                if (match.role() == CompiledRuleSet.Role.TRIGGER) {
                    detections.add(Detection.ofEvent(rule, ruleSet.version(), event.customerId(), match.key(), mark));
                }
                continue;
            }
            String scope = rule.aggregate() != null ? "*" : event.customerId();
            String stateKey = rule.id() + "|" + scope + "|" + match.key();
            Step step = RulePatterns.apply(rule, states.getOrDefault(stateKey, RuleState.empty()), List.of(mark),
                    settings.lateness());
            states.put(stateKey, step.state());
            for (Firing firing : step.firings()) {
                detections.add(Detection.ofEpisode(rule, ruleSet.version(), scope, match.key(), firing));
            }
            for (Anchor anchor : step.absenceAnchors()) {
                String anchorId = anchor.mark().eventId();
                due.add(new Due(anchor.dueAt(), "absence|" + stateKey + "|" + anchorId, () -> {
                    Step fired = RulePatterns.absenceDue(states.get(stateKey), anchorId);
                    states.put(stateKey, fired.state());
                    detected(fired.firings().stream()
                            .map(firing -> Detection.ofEpisode(rule, ruleSet.version(), scope, match.key(), firing))
                            .toList(), true);
                }));
            }
        }
        detected(detections, !fedBack);
    }

    /** A pain point fed back is evaluated by the rules that listen to pain points, except its own rule's kind. */
    private boolean listensToOthers(Rule rule, IncomingEvent painPoint) {
        Rule source = ruleSet.evaluatedRules().stream().filter(r -> r.id().equals(painPoint.dataText("ruleId")))
                .findFirst().orElse(null);
        return source == null || !RulePatterns.listensToPainPoints(source);
    }

    /**
     * Records detections (as {@code PainPointRecorder} would), decides their interventions, and — unless they came of
     * a pain point fed back already ({@code feedBack} false) — feeds the new pain points back to the rules.
     */
    private void detected(List<Detection> detections, boolean feedBack) {
        if (detections.isEmpty()) {
            return;
        }
        List<Detection> fresh = new ArrayList<>();
        List<Detection> toAct = new ArrayList<>();
        for (Detection detection : detections) {
            Found pain = found.get(detection.painPointId());
            if (pain == null && detection.firing().opened()) {
                if (found.size() >= settings.maxPainPoints()) {
                    throw new TooBig(settings.maxPainPoints());
                }
                pain = new Found(detection, !detection.detectedAt().isBefore(settings.from()));
                found.put(detection.painPointId(), pain);
                fresh.add(detection);
                toAct.add(detection);
            } else if (!detection.firing().opened() && detection.rule().action().type() == ActionType.CONTENT_GAP) {
                toAct.add(detection);   // complainants joining a content gap are educated too
            }
            if (pain != null) {
                for (Mark mark : detection.evidence()) {
                    pain.customers.add(mark.customerId());
                    if (pain.evidence.size() < EVIDENCE_KEPT && pain.evidence.add(mark.eventId())
                            && pain.marks.size() < EXAMPLE_EVIDENCE) {
                        pain.marks.add(mark);
                    }
                }
            }
        }
        decide(toAct);
        for (Detection detection : fresh) {
            if (feedBack && detection.customerId() != null && detection.rule().status() == Status.ACTIVE
                    && detection.rule().action().type() != ActionType.CONTENT_GAP
                    && ruleSet.listensTo(EventType.PAIN_POINT_DETECTED.type())) {
                PainPointDetected event = new PainPointDetected(detection.customerId(), detection.painPointId(),
                        detection.rule().id(), detection.rule().version(), detection.rule().severity(),
                        detection.evidence().stream().map(Mark::eventId).toList(), detection.latest("touchpoint"),
                        InterventionPlan.topicOf(detection));
                evaluate(new IncomingEvent("backtest|" + detection.painPointId(), "/journeyline/journey-service",
                        EventType.PAIN_POINT_DETECTED, detection.detectedAt().atOffset(ZoneOffset.UTC),
                        detection.customerId(), EventJson.mapper().valueToTree(event), Map.of()), true);
            }
        }
    }

    /**
     * Decides the interventions of detections in the period as the guards would have then: an ACTIVE rule's decisions
     * join the customer's history; a SHADOW rule's are what it would have asked if activated, and join nothing.
     */
    private void decide(List<Detection> detections) {
        List<Detection> inPeriod = detections.stream()
                .filter(detection -> !detection.detectedAt().isBefore(settings.from())).toList();
        for (Ask ask : InterventionPlan.asks(inPeriod)) {
            // live, an intervention's id is its pain point's and customer's: one per complainant of a content gap
            if (!inSample(ask.customerId()) || !decided.add(ask.detection().painPointId() + "|" + ask.customerId())) {
                continue;
            }
            Customer customer = customers.computeIfAbsent(ask.customerId(), id -> new Customer());
            Instant at = ask.detection().completedAt();
            customer.sent.removeIf(sent -> sent.at().isBefore(at.minus(lookBack)));
            Decision decision = guards.decide(ask.request(), new History(customer.sent,
                    !customer.openCases.isEmpty(), consents(customer, at)), at);
            boolean active = ask.detection().rule().status() == Status.ACTIVE;
            if (decision.sent() && active) {
                customer.sent.add(new Sent(ask.detection().rule().id(), ask.topic(), ask.type(),
                        ask.detection().detectedAt()));
            }
            Found pain = found.get(ask.detection().painPointId());
            if (pain != null) {
                pain.decisions.add(decision);
                pain.ifActivated = !active;
            }
        }
    }

    /** The customer's consents at {@code at}: replayed answers, else the known answer if given by then, else none. */
    private static Map<String, Boolean> consents(Customer customer, Instant at) {
        Map<String, Boolean> consents = new HashMap<>();
        customer.knownConsents.values().stream().filter(consent -> !consent.changedAt().isAfter(at))
                .forEach(consent -> consents.put(consent.purpose(), consent.granted()));
        consents.putAll(customer.replayedConsents);
        return consents;
    }

    private boolean inSample(String customerId) {
        return settings.sample() == null || settings.sample().contains(customerId);
    }

    /** The report: per rule, what it would have found and asked for, and the difference to {@code recorded}. */
    public BacktestResult result(List<Recorded> recorded) {
        BacktestResult.Builder result = new BacktestResult.Builder(ruleSet, settings.examples());
        Map<String, List<Found>> byRule = new LinkedHashMap<>();
        for (Found pain : found.values()) {
            if (pain.inPeriod && (pain.first.customerId() == null || inSample(pain.first.customerId()))) {
                byRule.computeIfAbsent(pain.first.rule().id(), id -> new ArrayList<>()).add(pain);
            }
        }
        Map<String, List<Recorded>> recordedByRule = new LinkedHashMap<>();
        recorded.stream().filter(r -> r.customerId() == null || inSample(r.customerId()))
                .filter(r -> !waitsBeyondTo(r))
                .forEach(r -> recordedByRule.computeIfAbsent(r.ruleId(), id -> new ArrayList<>()).add(r));
        for (Found pain : byRule.values().stream().flatMap(List::stream).toList()) {
            Detection first = pain.first;
            Set<String> customersOf = first.customerId() != null ? Set.of(first.customerId())
                    : pain.customers.stream().filter(this::inSample).collect(Collectors.toSet());
            result.painPoint(first.rule(), customersOf, first.rule().severity().name(),
                    InterventionPlan.topicOf(first), new Example(first.painPointId(), first.customerId(), first.key(),
                            InterventionPlan.topicOf(first), first.detectedAt(), pain.marks.stream()
                            .sorted(Comparator.comparing(Mark::time).thenComparing(Mark::eventId))
                            .map(mark -> new BacktestResult.Evidence(mark.eventId(), mark.time(), mark.topic(),
                                    mark.touchpoint())).toList()));
            for (Decision decision : pain.decisions) {
                result.decision(first.rule(), decision.sent() ? null : decision.suppressedBy().wire(), pain.ifActivated);
            }
        }
        Set<String> ruleIds = new java.util.TreeSet<>(byRule.keySet());
        ruleIds.addAll(recordedByRule.keySet());
        for (String ruleId : ruleIds) {
            List<Found> mine = byRule.getOrDefault(ruleId, List.of());
            List<Recorded> theirs = recordedByRule.getOrDefault(ruleId, List.of());
            Set<Recorded> matched = new HashSet<>();
            for (Found pain : mine) {
                Recorded same = theirs.stream().filter(r -> !matched.contains(r)
                                && java.util.Objects.equals(r.customerId(), pain.first.customerId())
                                && r.evidence().stream().anyMatch(pain.evidence::contains))
                        .findFirst().orElse(null);
                if (same == null) {
                    result.added(ruleId, pain.first.customerId(), pain.first.painPointId());
                } else {
                    matched.add(same);
                    result.same(ruleId);
                }
            }
            theirs.stream().filter(r -> !matched.contains(r))
                    .forEach(r -> result.gone(ruleId, r.customerId(), r.painPointId()));
        }
        limitReached.forEach(result::limitReached);
        return result.build(evaluated);
    }

    /**
     * A recorded absence whose wait ended after {@code to}: it fired live later, on events the replay does not read
     * (the expected event could still have come), so it is left out of the comparison as the replay leaves it out.
     */
    private boolean waitsBeyondTo(Recorded recorded) {
        return ruleSet.evaluatedRules().stream().filter(rule -> rule.id().equals(recorded.ruleId()))
                .anyMatch(rule -> rule.absence() != null && recorded.detectedAt().plus(rule.absence().within())
                        .plus(settings.lateness()).isAfter(settings.to()));
    }
}
