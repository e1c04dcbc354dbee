package io.journeyline.feedback.domain.cases;

import io.journeyline.contract.vocabulary.CaseOutcome;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.feedback.domain.cases.CaseLifecycle.Command;
import io.journeyline.feedback.domain.cases.CaseLifecycle.IllegalTransition;
import io.journeyline.feedback.domain.cases.CaseLifecycle.State;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOMAIN.md's case lifecycle: the happy path, escalation, waiting, reopening, and what is refused. */
class CaseLifecycleTest {
    private final CaseLifecycle lifecycle = new CaseLifecycle(2);

    @Test
    void theClosedLoopFromReceivedToClosedRecovered() {
        State state = State.received();
        state = lifecycle.apply(state, Command.ACKNOWLEDGE, false);
        assertThat(state.status()).isEqualTo(CaseStatus.ACKNOWLEDGED);
        state = lifecycle.apply(state, Command.ASSIGN, false);
        assertThat(state.status()).isEqualTo(CaseStatus.IN_PROGRESS);
        state = lifecycle.apply(state, Command.RESOLVE, false);
        assertThat(state.status()).isEqualTo(CaseStatus.RESOLVED);
        state = lifecycle.apply(state, Command.START_FOLLOW_UP, false);
        assertThat(state.status()).isEqualTo(CaseStatus.FOLLOW_UP);
        state = lifecycle.apply(state, Command.FOLLOW_UP_RESULT, true);
        assertThat(state).isEqualTo(new State(CaseStatus.CLOSED, false, 0, CaseOutcome.RECOVERED));
        assertThat(lifecycle.allowed(state)).containsExactly(Command.NOTE);
    }

    @Test
    void notSolvedReopensUntilTheLimitThenClosesNotRecovered() {
        State state = resolved(State.received());
        state = lifecycle.apply(state, Command.FOLLOW_UP_RESULT, false);
        assertThat(state.status()).isEqualTo(CaseStatus.REOPENED);
        assertThat(state.reopenings()).isEqualTo(1);

        state = lifecycle.apply(resolved(state), Command.FOLLOW_UP_RESULT, false);
        assertThat(state.reopenings()).isEqualTo(2);
        state = lifecycle.apply(resolved(state), Command.FOLLOW_UP_RESULT, false);
        assertThat(state).isEqualTo(new State(CaseStatus.CLOSED, false, 2, CaseOutcome.NOT_RECOVERED));
    }

    @Test
    void aFollowUpThatNeverComesClosesNotVerified() {
        State state = lifecycle.apply(resolved(State.received()), Command.FOLLOW_UP_EXPIRED, false);
        assertThat(state.outcome()).isEqualTo(CaseOutcome.NOT_VERIFIED);
        assertThat(state.status()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void escalationFromAnyOpenStateAndWaitingIsAFlagNotAStatus() {
        for (State open : new State[]{State.received(), new State(CaseStatus.IN_PROGRESS, false, 0, null),
                new State(CaseStatus.REOPENED, false, 1, null)}) {
            assertThat(lifecycle.apply(open, Command.ESCALATE, false).status()).isEqualTo(CaseStatus.ESCALATED);
        }
        State waiting = lifecycle.apply(new State(CaseStatus.IN_PROGRESS, false, 0, null), Command.WAIT_ON_CUSTOMER, false);
        assertThat(waiting).isEqualTo(new State(CaseStatus.IN_PROGRESS, true, 0, null));
        assertThat(lifecycle.apply(waiting, Command.RESUME, false).waitingOnCustomer()).isFalse();
    }

    @Test
    void anIllegalCommandNamesTheAllowedOnes() {
        assertThatThrownBy(() -> lifecycle.apply(State.received(), Command.RESOLVE, false))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("cannot resolve a case that is RECEIVED; allowed: acknowledge, assign, notes, escalate");
        State closed = new State(CaseStatus.CLOSED, false, 0, CaseOutcome.RECOVERED);
        assertThatThrownBy(() -> lifecycle.apply(closed, Command.ESCALATE, false))
                .hasMessage("cannot escalate a case that is CLOSED; allowed: notes");
        State waiting = new State(CaseStatus.IN_PROGRESS, true, 0, null);
        assertThatThrownBy(() -> lifecycle.apply(waiting, Command.WAIT_ON_CUSTOMER, false))
                .hasMessageStartingWith("cannot wait-on-customer a case that is IN_PROGRESS (waiting on the customer)");
        assertThatThrownBy(() -> lifecycle.apply(new State(CaseStatus.IN_PROGRESS, false, 0, null),
                Command.FOLLOW_UP_RESULT, true)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void whatTheApiOffersIsWhatTheStateAllowsByTheCommandsPathsWithoutTheServicesOwn() {
        assertThat(lifecycle.offered(State.received())).containsExactly("acknowledge", "assign", "notes", "escalate");
        assertThat(lifecycle.offered(new State(CaseStatus.IN_PROGRESS, true, 0, null)))
                .containsExactly("assign", "notes", "escalate", "resume", "resolve");
        // a resolved case waits for its follow-up: the callback is FOLLOW_UP_RESULT; starting the follow-up and its
        // deadline are the service's
        State resolved = resolved(State.received());
        assertThat(lifecycle.allowed(resolved)).containsExactly(Command.NOTE, Command.START_FOLLOW_UP,
                Command.FOLLOW_UP_RESULT, Command.FOLLOW_UP_EXPIRED);
        assertThat(lifecycle.offered(resolved)).containsExactly("notes", "callback");
        assertThat(lifecycle.offered(new State(CaseStatus.FOLLOW_UP, false, 0, null))).containsExactly("notes", "callback");
        assertThat(lifecycle.offered(new State(CaseStatus.CLOSED, false, 0, CaseOutcome.RECOVERED))).containsExactly("notes");
        assertThatThrownBy(() -> lifecycle.apply(resolved, Command.RESOLVE, false))
                .hasMessage("cannot resolve a case that is RESOLVED; allowed: notes, callback");
        assertThatThrownBy(() -> lifecycle.apply(new State(CaseStatus.CLOSED, false, 0, CaseOutcome.RECOVERED),
                Command.FOLLOW_UP_RESULT, true)).hasMessage("cannot callback a case that is CLOSED; allowed: notes");
    }

    @Test
    void eachCommandsPathAsTheApiNamesIt() {
        assertThat(Arrays.stream(Command.values()).map(CaseLifecycle::path).toList()).containsExactly(
                Optional.of("acknowledge"), Optional.of("assign"), Optional.of("notes"),
                Optional.of("escalate"), Optional.of("wait-on-customer"),
                Optional.of("resume"), Optional.of("resolve"), Optional.empty(),
                Optional.of("callback"), Optional.empty());
        assertThat(CaseLifecycle.spoken(Command.FOLLOW_UP_EXPIRED)).isEqualTo("follow-up-expired");
        // the history keeps naming commands as it always did
        assertThat(CaseLifecycle.name(Command.FOLLOW_UP_RESULT)).isEqualTo("follow-up-result");
    }

    private State resolved(State state) {
        State open = state.status() == CaseStatus.RECEIVED ? lifecycle.apply(state, Command.ACKNOWLEDGE, false) : state;
        return lifecycle.apply(open, Command.RESOLVE, false);
    }
}
