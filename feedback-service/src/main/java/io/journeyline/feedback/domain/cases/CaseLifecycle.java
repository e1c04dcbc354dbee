package io.journeyline.feedback.domain.cases;

import io.journeyline.contract.vocabulary.CaseOutcome;
import io.journeyline.contract.vocabulary.CaseStatus;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The closed-loop case lifecycle of DOMAIN.md, as a pure transition function: RECEIVED → ACKNOWLEDGED → IN_PROGRESS →
 * RESOLVED (root cause required) → FOLLOW_UP → CLOSED with an outcome; ESCALATED from any open state; REOPENED when
 * the follow-up says "not solved" (NOT_RECOVERED once the reopenings reach the limit); CLOSED NOT_VERIFIED when no
 * follow-up comes. Waiting on the customer is a flag of an open case (its SLA clocks pause), not a status.
 */
public final class CaseLifecycle {

    /** What an agent, a supervisor or the system does to a case. */
    public enum Command {
        ACKNOWLEDGE, ASSIGN, NOTE, ESCALATE, WAIT_ON_CUSTOMER, RESUME, RESOLVE, START_FOLLOW_UP, FOLLOW_UP_RESULT,
        FOLLOW_UP_EXPIRED
    }

    /** Where a case stands: its status, whether it waits on the customer, how often it was reopened. */
    public record State(CaseStatus status, boolean waitingOnCustomer, int reopenings, CaseOutcome outcome) {
        public static State received() {
            return new State(CaseStatus.RECEIVED, false, 0, null);
        }

        public boolean open() {
            return OPEN.contains(status);
        }
    }

    /**
     * A command the case's state does not allow; {@code allowed} names what it does allow. The message is the API's
     * 409: it names the command and the allowed ones as the API's command paths ({@link #offered}), so a client is
     * told exactly what the case view's {@code allowed} lists.
     */
    public static final class IllegalTransition extends RuntimeException {
        private final transient Command command;
        private final transient CaseStatus status;
        private final transient List<Command> allowed;

        IllegalTransition(Command command, State state, List<Command> allowed) {
            super("cannot " + spoken(command) + " a case that is " + state.status()
                    + (state.waitingOnCustomer() ? " (waiting on the customer)" : "") + "; allowed: "
                    + String.join(", ", paths(allowed)));
            this.command = command;
            this.status = state.status();
            this.allowed = allowed;
        }

        public Command command() {
            return command;
        }

        public CaseStatus status() {
            return status;
        }

        public List<Command> allowed() {
            return allowed;
        }
    }

    /** States in which an agent works the case. */
    static final Set<CaseStatus> OPEN = EnumSet.of(CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS,
            CaseStatus.ESCALATED, CaseStatus.REOPENED);
    /** States in which the case waits for its follow-up. */
    static final Set<CaseStatus> AWAITING_FOLLOW_UP = EnumSet.of(CaseStatus.RESOLVED, CaseStatus.FOLLOW_UP);

    private final int maxReopenings;

    /** @param maxReopenings a "not solved" follow-up after this many reopenings closes the case NOT_RECOVERED */
    public CaseLifecycle(int maxReopenings) {
        this.maxReopenings = maxReopenings;
    }

    /** The statuses in which an agent works a case (and its SLA clocks count). */
    public static Set<CaseStatus> openStatuses() {
        return EnumSet.copyOf(OPEN);
    }

    /** The commands {@code state} allows, in a stable order. */
    public List<Command> allowed(State state) {
        return java.util.Arrays.stream(Command.values()).filter(command -> allows(state, command)).toList();
    }

    /**
     * What an agent or a supervisor may send to a case in {@code state} now, as the API's command paths, in the order
     * of {@link #allowed}: the commands only the service gives itself are left out.
     */
    public List<String> offered(State state) {
        return paths(allowed(state));
    }

    /**
     * The state after {@code command}; {@code recovered} is the follow-up's verdict for {@link Command#FOLLOW_UP_RESULT}
     * (ignored otherwise).
     *
     * @throws IllegalTransition when the state does not allow the command
     */
    public State apply(State state, Command command, boolean recovered) {
        if (!allows(state, command)) {
            throw new IllegalTransition(command, state, allowed(state));
        }
        return switch (command) {
            case ACKNOWLEDGE -> with(state, CaseStatus.ACKNOWLEDGED);
            case ASSIGN -> state.status() == CaseStatus.ACKNOWLEDGED || state.status() == CaseStatus.RECEIVED
                    ? with(state, CaseStatus.IN_PROGRESS) : state;
            case NOTE -> state;
            case ESCALATE -> with(state, CaseStatus.ESCALATED);
            case WAIT_ON_CUSTOMER -> new State(state.status(), true, state.reopenings(), null);
            case RESUME -> new State(state.status(), false, state.reopenings(), null);
            case RESOLVE -> new State(CaseStatus.RESOLVED, false, state.reopenings(), null);
            case START_FOLLOW_UP -> with(state, CaseStatus.FOLLOW_UP);
            case FOLLOW_UP_RESULT -> recovered
                    ? new State(CaseStatus.CLOSED, false, state.reopenings(), CaseOutcome.RECOVERED)
                    : state.reopenings() >= maxReopenings
                    ? new State(CaseStatus.CLOSED, false, state.reopenings(), CaseOutcome.NOT_RECOVERED)
                    : new State(CaseStatus.REOPENED, false, state.reopenings() + 1, null);
            case FOLLOW_UP_EXPIRED -> new State(CaseStatus.CLOSED, false, state.reopenings(), CaseOutcome.NOT_VERIFIED);
        };
    }

    private static boolean allows(State state, Command command) {
        CaseStatus status = state.status();
        return switch (command) {
            case NOTE -> true;
            case ACKNOWLEDGE -> status == CaseStatus.RECEIVED;
            case ASSIGN, ESCALATE -> OPEN.contains(status);
            case WAIT_ON_CUSTOMER -> OPEN.contains(status) && status != CaseStatus.RECEIVED && !state.waitingOnCustomer();
            case RESUME -> OPEN.contains(status) && state.waitingOnCustomer();
            case RESOLVE -> OPEN.contains(status) && status != CaseStatus.RECEIVED;
            case START_FOLLOW_UP -> status == CaseStatus.RESOLVED;
            case FOLLOW_UP_RESULT, FOLLOW_UP_EXPIRED -> AWAITING_FOLLOW_UP.contains(status);
        };
    }

    private static State with(State state, CaseStatus status) {
        return new State(status, state.waitingOnCustomer(), state.reopenings(), null);
    }

    /** {@code WAIT_ON_CUSTOMER} → "wait-on-customer": the command as the case's history names it. */
    public static String name(Command command) {
        return command.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The API's path for {@code command} ({@code POST /api/v1/cases/{caseId}/<path>}): {@link #name} but {@code notes}
     * for {@code NOTE} and {@code callback} for {@code FOLLOW_UP_RESULT} (the callback's outcome is the follow-up's
     * result); empty for what only the service does ({@code START_FOLLOW_UP}, {@code FOLLOW_UP_EXPIRED}).
     */
    public static Optional<String> path(Command command) {
        return switch (command) {
            case NOTE -> Optional.of("notes");
            case FOLLOW_UP_RESULT -> Optional.of("callback");
            case START_FOLLOW_UP, FOLLOW_UP_EXPIRED -> Optional.empty();
            default -> Optional.of(name(command));
        };
    }

    /** How the API's answers name {@code command}: its {@link #path}, else its {@link #name}. */
    public static String spoken(Command command) {
        return path(command).orElse(name(command));
    }

    private static List<String> paths(List<Command> commands) {
        return commands.stream().map(CaseLifecycle::path).flatMap(Optional::stream).toList();
    }
}
