package io.journeyline.journey.service;

import io.journeyline.contract.event.StageChanged;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.CompiledRuleSet.Role;
import io.journeyline.journey.domain.rules.Detection;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleState;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import io.journeyline.journey.domain.stages.StageModel;
import io.journeyline.journey.persistence.CustomerRepository;
import io.journeyline.journey.persistence.StageRepository;
import io.journeyline.journey.persistence.StageRepository.Change;
import io.journeyline.journey.persistence.StageRepository.StageRow;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.timers.FiredTimer;
import io.journeyline.platform.timers.TimerHandler;
import io.journeyline.platform.timers.Timers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Moves customers through the stage model, set-based per batch in the batch's transaction: each customer's events
 * in event-time order; an event older than the customer's last stage change does not move the stage (history is
 * not rewritten). Every change is stored, published as {@code journey.stage-changed} and shown in the timeline.
 * Entering a stage a stall rule watches schedules a durable timer; when it comes due and the customer is still in
 * that stage, the stall rule fires.
 */
@ApplicationScoped
public class StageService implements TimerHandler {
    static final String STALL = "stage-stall";

    private final StageModel model;
    private final StageRepository stages;
    private final Outbox outbox;
    private final TimelineService timeline;
    private final Timers timers;
    private final ActiveRuleSet active;
    private final PainPointRecorder recorder;
    private final RuleEvaluationService rules;
    private final CustomerRepository customers;

    public StageService(StageModel model, StageRepository stages, Outbox outbox, TimelineService timeline, Timers timers,
                        ActiveRuleSet active, PainPointRecorder recorder, RuleEvaluationService rules,
                        CustomerRepository customers) {
        this.model = model;
        this.stages = stages;
        this.outbox = outbox;
        this.timeline = timeline;
        this.timers = timers;
        this.active = active;
        this.recorder = recorder;
        this.rules = rules;
        this.customers = customers;
    }

    /** A stall check: the customer, the stall rule, and the stage entry it watches. */
    record StallPayload(String customerId, String ruleId, String stage, OffsetDateTime enteredAt, String cause) {
    }

    public Uni<Void> apply(List<IncomingEvent> events, CompiledRuleSet ruleSet) {
        Map<String, List<IncomingEvent>> byCustomer = events.stream().filter(event -> event.customerId() != null)
                .collect(Collectors.groupingBy(IncomingEvent::customerId, TreeMap::new, Collectors.toList()));
        if (byCustomer.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return stages.lockStages(byCustomer.keySet()).chain(current -> {
            List<StageRow> updated = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            byCustomer.forEach((customerId, ofCustomer) -> {
                StageRow before = current.get(customerId);
                StageRow row = before;
                for (IncomingEvent event : ofCustomer.stream().sorted(Comparator.comparing(IncomingEvent::time)
                        .thenComparing(IncomingEvent::id)).toList()) {
                    if (row == null || row.stage() == null) {
                        row = new StageRow(customerId, model.initial().name(), event.time(), null, event.id());
                        changes.add(new Change(customerId, null, row.stage(), event.time(), event.id()));
                    }
                    if (event.time().isBefore(row.enteredAt())) {
                        continue;
                    }
                    Stage stage = Stage.valueOf(row.stage());
                    Stage previous = row.previous() == null ? null : Stage.valueOf(row.previous());
                    var next = model.next(stage, previous, event);
                    if (next.isPresent()) {
                        changes.add(new Change(customerId, row.stage(), next.get().name(), event.time(), event.id()));
                        row = new StageRow(customerId, next.get().name(), event.time(), row.stage(), event.id());
                    }
                }
                if (row != before) {
                    updated.add(row);
                }
            });
            return stages.update(updated).chain(() -> stages.insertChanges(changes))
                    .chain(() -> publish(changes))
                    .chain(() -> watchStalls(updated, ruleSet));
        });
    }

    private Uni<Void> publish(List<Change> changes) {
        Announcements announcements = new Announcements();
        changes.stream().filter(change -> change.from() != null).forEach(change -> announcements.publish(
                new Outbox.Publication(new StageChanged(change.customerId(), Stage.valueOf(change.from()),
                        Stage.valueOf(change.to()), change.causeEventId()),
                        new Cause("stage|" + change.customerId() + "|" + change.causeEventId(), null)), change.at()));
        return announcements.send(outbox, timeline).replaceWithVoid();
    }

    /** For each customer whose stage changed: a stall timer per stall rule that limits the new stage. */
    private Uni<Void> watchStalls(List<StageRow> updated, CompiledRuleSet ruleSet) {
        List<Rule> stallRules = ruleSet.evaluatedRules().stream().filter(rule -> rule.stall() != null).toList();
        List<Timers.Schedule> schedules = new ArrayList<>();
        List<String> cancels = new ArrayList<>();
        for (StageRow row : updated) {
            for (Rule rule : stallRules) {
                String key = row.customerId() + "|" + rule.id();
                Duration limit = rule.stall().stages().get(Stage.valueOf(row.stage()));
                if (limit == null) {
                    cancels.add(key);
                } else {
                    schedules.add(new Timers.Schedule(STALL, key, row.enteredAt().toInstant().plus(limit),
                            Timers.json(new StallPayload(row.customerId(), rule.id(), row.stage(), row.enteredAt(), row.cause()))));
                }
            }
        }
        return timers.cancelAll(STALL, cancels).chain(() -> timers.scheduleAll(schedules));
    }

    @Override
    public String kind() {
        return STALL;
    }

    /** The customer first, as the consumer locks it: see {@link TimerHandler#tryLockFirst}. */
    @Override
    public Uni<Boolean> tryLockFirst(FiredTimer timer) {
        return customers.tryLock(timer.payloadAs(StallPayload.class).customerId());
    }

    @Override
    public Uni<Set<String>> tryLockFirstAll(List<FiredTimer> due) {
        Map<String, String> customerOf = new HashMap<>();
        due.forEach(timer -> customerOf.put(timer.key(), timer.payloadAs(StallPayload.class).customerId()));
        return customers.tryLockAll(Set.copyOf(customerOf.values())).map(locked -> customerOf.entrySet().stream()
                .filter(timer -> locked.contains(timer.getValue())).map(Map.Entry::getKey).collect(Collectors.toSet()));
    }

    /** A stall timer came due: fires the stall rule when the customer is still in the stage entered then. */
    @Override
    public Uni<Void> fire(FiredTimer timer) {
        StallPayload stall = timer.payloadAs(StallPayload.class);
        return active.current().chain(ruleSet -> stages.lockStages(Set.of(stall.customerId())).chain(current -> {
            StageRow row = current.get(stall.customerId());
            Rule rule = ruleSet.evaluatedRules().stream()
                    .filter(r -> r.id().equals(stall.ruleId()) && r.stall() != null).findFirst().orElse(null);
            if (rule == null || row == null || !stall.stage().equals(row.stage())
                    || !row.enteredAt().isEqual(stall.enteredAt())) {
                return Uni.createFrom().voidItem();
            }
            // the evidence is the event that entered the stage, dated when the stall was reached
            Mark cause = new Mark(Role.TRIGGER, timer.dueAt(), stall.cause(), stall.customerId(), null, null,
                    RuleState.PENDING);
            return recorder.record(List.of(Detection.ofStall(rule, ruleSet.version(), stall.customerId(), stall.stage(),
                    stall.enteredAt().toInstant(), cause))).chain(detected -> rules.feedBack(ruleSet, detected));
        }));
    }
}
