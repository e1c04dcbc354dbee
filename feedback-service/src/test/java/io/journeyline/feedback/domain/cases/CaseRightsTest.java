package io.journeyline.feedback.domain.cases;

import io.journeyline.feedback.domain.cases.CaseLifecycle.Command;
import io.journeyline.feedback.domain.cases.CaseRights.Actor;
import io.journeyline.feedback.domain.cases.CaseRights.Refusal;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what to a case: every command by an agent on an unassigned case, their own and someone else's. */
class CaseRightsTest {
    private static final Actor ANA = new Actor("ana", false);
    private static final Actor SUPERVISOR = new Actor("sam", true);

    @Test
    void anAgentTakesAnUnassignedCaseThemselvesAndNothingMore() {
        assertThat(assign(null, null, "ana", null, ANA)).isEmpty();
        assertThat(assign(null, null, "ana", "billing", ANA)).isEmpty();
        assertThat(assign("ana", "billing", "ana", "billing", ANA)).isEmpty();

        assertThat(assign(null, null, "bob", null, ANA)).get().extracting(Refusal::field).isEqualTo("assignee");
        assertThat(assign(null, null, null, "billing", ANA)).get().extracting(Refusal::field).isEqualTo("assignee");
        assertThat(assign("bob", null, "ana", null, ANA)).get().satisfies(refusal -> {
            assertThat(refusal.field()).isEqualTo("assignee");
            assertThat(refusal.message()).contains("assigned to 'bob'", "reassigning", "supervisor");
        });
        assertThat(assign(null, "billing", "ana", "returns", ANA)).get().extracting(Refusal::field).isEqualTo("team");
    }

    @Test
    void aSupervisorAssignsAndReassignsToAnyone() {
        assertThat(assign(null, null, "bob", "billing", SUPERVISOR)).isEmpty();
        assertThat(assign("bob", "billing", "ana", "returns", SUPERVISOR)).isEmpty();
        assertThat(assign(null, "billing", null, "returns", SUPERVISOR)).isEmpty();
    }

    @Test
    void anAgentCallsBackOnlyTheirOwnCases() {
        assertThat(refusal(Command.FOLLOW_UP_RESULT, "ana", ANA)).isEmpty();
        assertThat(refusal(Command.FOLLOW_UP_RESULT, "bob", ANA)).get().extracting(Refusal::message)
                .asString().contains("assigned to 'bob'", "calling back someone else's case is a supervisor's right");
        assertThat(refusal(Command.FOLLOW_UP_RESULT, null, ANA)).get().extracting(Refusal::message)
                .asString().contains("assign this one to yourself first");
        assertThat(refusal(Command.FOLLOW_UP_RESULT, "bob", SUPERVISOR)).isEmpty();
        assertThat(refusal(Command.FOLLOW_UP_RESULT, null, SUPERVISOR)).isEmpty();
    }

    @Test
    void anAgentWorksUnassignedCasesAndTheirOwnButNotSomeoneElses() {
        for (Command command : new Command[]{Command.ACKNOWLEDGE, Command.WAIT_ON_CUSTOMER, Command.RESUME,
                Command.RESOLVE}) {
            assertThat(refusal(command, null, ANA)).as(command + " unassigned").isEmpty();
            assertThat(refusal(command, "ana", ANA)).as(command + " own").isEmpty();
            assertThat(refusal(command, "bob", ANA)).as(command + " someone else's").isPresent();
            assertThat(refusal(command, "bob", SUPERVISOR)).as(command + " by a supervisor").isEmpty();
        }
    }

    @Test
    void anyoneNotesAndOnlyASupervisorEscalates() {
        assertThat(refusal(Command.NOTE, "bob", ANA)).isEmpty();
        assertThat(refusal(Command.ESCALATE, "ana", ANA)).isPresent();
        assertThat(refusal(Command.ESCALATE, "bob", SUPERVISOR)).isEmpty();
    }

    private static Optional<Refusal> assign(String assignee, String team, String newAssignee, String newTeam,
                                            Actor actor) {
        return CaseRights.refusal(Command.ASSIGN, assignee, team, newAssignee, newTeam, actor);
    }

    private static Optional<Refusal> refusal(Command command, String assignee, Actor actor) {
        return CaseRights.refusal(command, assignee, "billing", null, null, actor);
    }
}
