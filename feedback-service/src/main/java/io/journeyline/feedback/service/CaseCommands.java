package io.journeyline.feedback.service;

import io.journeyline.contract.FieldLimits;
import io.journeyline.contract.event.CaseAcknowledged;
import io.journeyline.contract.event.CaseClosed;
import io.journeyline.contract.event.CaseEscalated;
import io.journeyline.contract.event.CaseReopened;
import io.journeyline.contract.event.CaseResolved;
import io.journeyline.contract.event.CaseSlaBreached;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.contract.event.SurveyResponded;
import io.journeyline.contract.vocabulary.CaseOutcome;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.feedback.config.CasesConfig;
import io.journeyline.feedback.config.SlaConfig;
import io.journeyline.feedback.domain.cases.CaseLifecycle;
import io.journeyline.feedback.domain.cases.CaseLifecycle.Command;
import io.journeyline.feedback.domain.cases.CaseLifecycle.IllegalTransition;
import io.journeyline.feedback.domain.cases.CaseLifecycle.State;
import io.journeyline.feedback.domain.cases.CaseRecord;
import io.journeyline.feedback.domain.cases.CaseRights;
import io.journeyline.feedback.persistence.CaseRepository;
import io.journeyline.feedback.persistence.CaseRepository.HistoryEntry;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.problem.ForeignReferenceException;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.timers.Timers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What agents and supervisors do to a case, through {@link CaseLifecycle}: every change is checked (409 naming the
 * allowed commands), kept in the case's history and — where the contract has an event for it — published through
 * the outbox.
 */
@ApplicationScoped
public class CaseCommands {
    private final CaseRepository cases;
    private final CaseService views;
    private final Outbox outbox;
    private final CasesConfig config;
    private final CaseLifecycle lifecycle;
    private final SlaService sla;
    private final Timers timers;
    private final double warnAt;
    private final Clock clockSource;

    /** The timer kind of a resolved case's follow-up deadline; the key is the case id. */
    static final String FOLLOW_UP = "case-follow-up";

    public CaseCommands(CaseRepository cases, CaseService views, Outbox outbox, CasesConfig config, SlaService sla,
                        SlaConfig slaConfig, Timers timers, Clock clock) {
        this.cases = cases;
        this.views = views;
        this.outbox = outbox;
        this.config = config;
        this.lifecycle = new CaseLifecycle(config.maxReopenings());
        this.sla = sla;
        this.timers = timers;
        this.warnAt = slaConfig.warnAt();
        this.clockSource = clock;
    }

    /**
     * A command's input; which fields it needs depends on the command. Each is bounded: {@code note} and
     * {@code reason} by the contract's bound on {@code case.reopened}'s and {@code case.escalated}'s reason (a
     * callback's note is the reopening's reason), so what is accepted always fits its event; {@code rootCause} by
     * {@code case.resolved}'s; {@code team} and {@code assignee} like every id.
     *
     * @param outcome a callback's verdict: RECOVERED or NOT_RECOVERED
     */
    public record Input(@Size(max = FieldLimits.ID) String team,
                        @Size(max = FieldLimits.ID) String assignee,
                        @Size(max = FieldLimits.REASON) String note,
                        @Size(max = FieldLimits.ROOT_CAUSE) String rootCause,
                        String outcome,
                        @Size(max = FieldLimits.REASON) String reason) {
    }

    /**
     * A command from the API, in this order: 400 naming every bad field, 404 for an unknown case, 403 when the
     * caller's role lacks the right ({@link CaseRights}), 409 when the case's state does not allow it.
     */
    @WithTransaction
    public Uni<CaseService.CaseView> apply(String caseId, Command command, Input input, CaseRights.Actor actor) {
        Input given = input == null ? new Input(null, null, null, null, null, null) : input;
        List<Problem.FieldError> problems = problems(command, given);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("invalid " + CaseLifecycle.spoken(command),
                    problems));
        }
        return cases.lock(caseId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.notFound("case", caseId));
            }
            CaseRecord c = found.get();
            var refusal = CaseRights.refusal(command, c.assignee(), c.team(),
                    command == Command.ASSIGN ? text(given.assignee()) : null,
                    command == Command.ASSIGN ? text(given.team()) : null, actor);
            if (refusal.isPresent()) {
                String why = refusal.get().message();
                return Uni.createFrom().failure(ProblemException.forbidden("cannot " + CaseLifecycle.spoken(command)
                        + " case " + caseId + ": " + why, refusal.get().field() == null ? List.of()
                        : List.of(Problem.FieldError.of(refusal.get().field(), why))));
            }
            return transition(c, command, given, actor.name(), null, null).chain(() -> views.get(caseId));
        });
    }

    /**
     * The follow-up survey of a case was answered (in the consumed batch's transaction): at or above the survey kind's
     * threshold the case closes RECOVERED, below it reopens (or closes NOT_RECOVERED); an answer for a case not
     * awaiting its follow-up is kept in its history only. An answer naming another customer's case changes nothing:
     * it fails with {@link ForeignReferenceException}, so the pipeline dead-letters that event alone.
     */
    public Uni<Void> followUpAnswered(List<Delivery<SurveyResponded>> deliveries) {
        return InOrder.each(deliveries, delivery -> {
            SurveyResponded answer = delivery.data();
            Double score = answer.scores() == null ? null : answer.scores().get("primary");
            Double threshold = switch (answer.surveyKind()) {
                case NPS -> config.recoveredNps();
                case CSAT -> config.recoveredCsat();
                case CES -> config.recoveredCes();
                default -> null;
            };
            if (answer.caseId() == null || score == null || threshold == null) {
                return Uni.createFrom().voidItem();
            }
            boolean recovered = score >= threshold;
            String note = answer.surveyKind() + " " + score + (recovered ? " ≥ " : " < ") + threshold;
            return cases.lock(answer.caseId()).chain(found -> {
                if (found.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                CaseRecord c = found.get();
                if (!c.customerId().equals(answer.customerId())) {
                    return Uni.createFrom().failure(new ForeignReferenceException("caseId", c.id()));
                }
                OffsetDateTime at = delivery.event().time();
                if (!lifecycle.allowed(c.state()).contains(Command.FOLLOW_UP_RESULT)) {
                    return cases.addHistory(c.id(), new HistoryEntry(OffsetDateTime.now(clockSource), "follow-up-late",
                            c.status(), CaseService.SYSTEM, note));
                }
                return transition(c, Command.FOLLOW_UP_RESULT, new Input(null, null, "follow-up survey: " + note, null,
                        recovered ? "RECOVERED" : "NOT_RECOVERED", null), CaseService.SYSTEM, at,
                        Cause.of(delivery.event()).and("case=" + c.id())).replaceWithVoid();
            });
        });
    }

    /** The follow-up did not come in time (a fired timer's transaction): the case closes NOT_VERIFIED. */
    public Uni<Void> followUpExpired(String caseId, Cause cause) {
        return cases.lock(caseId).chain(found -> found.isEmpty()
                || !lifecycle.allowed(found.get().state()).contains(Command.FOLLOW_UP_EXPIRED)
                ? Uni.createFrom().voidItem()
                : transition(found.get(), Command.FOLLOW_UP_EXPIRED, new Input(null, null,
                "no follow-up within " + config.followUpTimeout(), null, null, null), CaseService.SYSTEM, null, cause)
                .replaceWithVoid());
    }

    /** An SLA clock reached its warning: noted in the case's history (caller's transaction, a fired timer's). */
    public Uni<Void> slaWarning(String caseId, SlaClock clock) {
        return cases.lock(caseId).chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                : cases.addHistory(caseId, new HistoryEntry(OffsetDateTime.now(clockSource), "sla-warning",
                found.get().status(), CaseService.SYSTEM, clock + " clock at " + Math.round(warnAt * 100) + " %")));
    }

    /**
     * An SLA clock was breached: {@code case.sla-breached} is published and the case escalates (priority one level
     * up) when its state allows (caller's transaction, a fired timer's).
     */
    public Uni<Void> slaBreached(String caseId, SlaClock clock, OffsetDateTime dueAt, Cause cause) {
        return cases.lock(caseId).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            CaseRecord c = found.get();
            OffsetDateTime now = OffsetDateTime.now(clockSource);
            Uni<Void> breached = outbox.publish(new CaseSlaBreached(c.customerId(), c.id(), CaseStatus.valueOf(c.status()),
                            clock, dueAt), cause)
                    .chain(() -> cases.addHistory(caseId, new HistoryEntry(now, "sla-breached", c.status(),
                            CaseService.SYSTEM, clock + " clock was due " + dueAt)));
            State state = c.state();
            if (!lifecycle.allowed(state).contains(Command.ESCALATE)) {
                return breached;
            }
            return breached.chain(() -> transition(c, Command.ESCALATE, new Input(null, null, null, null, null,
                    clock + " clock breached"), CaseService.SYSTEM, now, cause)).replaceWithVoid();
        });
    }

    /**
     * Applies a legal command to a locked case: stores it, its history, its clocks and its event — a user's command's
     * event as a new fact ({@code cause} null), work a consumed event or a timer caused with ids derived from it.
     */
    private Uni<CaseRecord> transition(CaseRecord before, Command command, Input given, String actor,
                                       OffsetDateTime at, Cause cause) {
        State after;
        try {
            after = lifecycle.apply(before.state(), command, "RECOVERED".equals(given.outcome()));
        } catch (IllegalTransition e) {
            return Uni.createFrom().failure(ProblemException.conflict(e.getMessage()));
        }
        OffsetDateTime now = at != null ? at : OffsetDateTime.now(clockSource);
        CaseRecord changed = changed(before, after, command, given, now);
        List<JourneyEvent> events = events(changed, command, given);
        return cases.update(changed)
                .chain(() -> cases.addHistory(before.id(), new HistoryEntry(now, CaseLifecycle.name(command),
                        changed.status(), actor, note(command, given))))
                .chain(() -> clocks(changed, command, now.toInstant()))
                .chain(() -> InOrder.each(events, event -> cause == null ? outbox.publish(event) : outbox.publish(event, cause)))
                .replaceWith(changed);
    }

    /** What a command does to the case's SLA clocks. */
    private Uni<Void> clocks(CaseRecord c, Command command, java.time.Instant now) {
        return switch (command) {
            case ACKNOWLEDGE -> sla.stop(c.id(), SlaClock.ACKNOWLEDGE, now);
            case WAIT_ON_CUSTOMER -> sla.pause(c.id(), now);
            case RESUME -> sla.resume(c.id(), now);
            case RESOLVE -> sla.stop(c.id(), SlaClock.RESOLVE, now)
                    .chain(() -> timers.schedule(FOLLOW_UP, c.id(), now.plus(config.followUpTimeout()), c.id()));
            case FOLLOW_UP_RESULT -> timers.cancel(FOLLOW_UP, c.id()).chain(() ->
                    CaseStatus.REOPENED.name().equals(c.status())
                            ? sla.restart(c.id(), SlaClock.RESOLVE, Priority.valueOf(c.priority()), now)
                            : Uni.createFrom().voidItem());
            default -> Uni.createFrom().voidItem();
        };
    }

    private List<Problem.FieldError> problems(Command command, Input input) {
        List<Problem.FieldError> problems = new ArrayList<>();
        switch (command) {
            case ASSIGN -> {
                if (blank(input.team()) && blank(input.assignee())) {
                    problems.add(Problem.FieldError.of("assignee", "a team or an assignee is required"));
                }
            }
            case NOTE -> {
                if (blank(input.note())) {
                    problems.add(Problem.FieldError.of("note", "is required"));
                }
            }
            case RESOLVE -> {
                if (blank(input.rootCause()) || !config.rootCauses().contains(input.rootCause())) {
                    problems.add(Problem.FieldError.of("rootCause", "is required, one of " + config.rootCauses()));
                }
            }
            case FOLLOW_UP_RESULT -> {
                if (!"RECOVERED".equals(input.outcome()) && !"NOT_RECOVERED".equals(input.outcome())) {
                    problems.add(Problem.FieldError.of("outcome", "is required: RECOVERED or NOT_RECOVERED"));
                }
            }
            default -> {
            }
        }
        return problems;
    }

    private static CaseRecord changed(CaseRecord c, State after, Command command, Input input, OffsetDateTime now) {
        String team = command == Command.ASSIGN && !blank(input.team()) ? input.team() : c.team();
        String assignee = command == Command.ASSIGN && !blank(input.assignee()) ? input.assignee() : c.assignee();
        String rootCause = command == Command.RESOLVE ? input.rootCause() : c.rootCause();
        String priority = command == Command.ESCALATE ? raised(Priority.valueOf(c.priority())).name() : c.priority();
        return new CaseRecord(c.id(), c.customerId(), c.topic(), after.status().name(), priority,
                after.waitingOnCustomer(), after.reopenings(), after.outcome() == null ? null : after.outcome().name(),
                rootCause, team, assignee, c.painPointId(), c.interventionId(), c.openedAt(), now, c.category(),
                c.touchpoint());
    }

    private static List<JourneyEvent> events(CaseRecord c, Command command, Input input) {
        CaseStatus status = CaseStatus.valueOf(c.status());
        return switch (command) {
            case ACKNOWLEDGE -> List.of(new CaseAcknowledged(c.customerId(), c.id(), status));
            case ESCALATE -> List.of(new CaseEscalated(c.customerId(), c.id(), status, Priority.valueOf(c.priority()),
                    blank(input.reason()) ? "escalated by a supervisor" : input.reason()));
            case RESOLVE -> List.of(new CaseResolved(c.customerId(), c.id(), status, c.rootCause()));
            case FOLLOW_UP_EXPIRED -> List.of(new CaseClosed(c.customerId(), c.id(), status, CaseOutcome.NOT_VERIFIED));
            case FOLLOW_UP_RESULT -> status == CaseStatus.CLOSED
                    ? List.of(new CaseClosed(c.customerId(), c.id(), status, CaseOutcome.valueOf(c.outcome())))
                    : List.of(new CaseReopened(c.customerId(), c.id(), status,
                    blank(input.note()) ? "the follow-up says not solved" : input.note()));
            default -> List.of();
        };
    }

    private static String note(Command command, Input input) {
        return switch (command) {
            case ASSIGN -> "team " + input.team() + ", assignee " + input.assignee();
            case RESOLVE -> "root cause " + input.rootCause() + (blank(input.note()) ? "" : ": " + input.note());
            case FOLLOW_UP_RESULT -> "callback: " + input.outcome() + (blank(input.note()) ? "" : ": " + input.note());
            case ESCALATE -> input.reason();
            default -> input.note();
        };
    }

    /** One level up, CRITICAL stays CRITICAL. */
    private static Priority raised(Priority priority) {
        Priority[] levels = Priority.values();
        return levels[Math.min(levels.length - 1, priority.ordinal() + 1)];
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The text, or null when blank (as the commands read an absent field). */
    private static String text(String value) {
        return blank(value) ? null : value;
    }
}
