package io.journeyline.feedback.domain.cases;

import io.journeyline.feedback.domain.cases.CaseLifecycle.Command;

import java.util.Optional;

/**
 * Who may do what to a case (ARCHITECTURE.md's roles: an agent works cases, a supervisor also reassigns and escalates),
 * as a pure function of the command, the case's owner and the caller:
 * <ul>
 * <li>a supervisor may do everything;</li>
 * <li>an agent may take an unassigned case: assign it to themselves (and give it a team when it has none);
 * assigning to someone else, reassigning an assigned case or moving it to another team is a supervisor's;</li>
 * <li>an agent may call back only a case assigned to them: the callback is the owner's word that the loop is
 * closed;</li>
 * <li>an agent may acknowledge, resolve, wait on the customer and resume an unassigned case or their own, never
 * someone else's;</li>
 * <li>anyone who works cases may add a note (it changes nothing but the history); escalating is a supervisor's.</li>
 * </ul>
 */
public final class CaseRights {

    /** The caller: their name (the token's principal, which is what {@code assignee} holds) and whether supervisor. */
    public record Actor(String name, boolean supervisor) {
    }

    /** Why the caller may not: the field it concerns (null for the command as a whole) and a sentence for them. */
    public record Refusal(String field, String message) {
    }

    private CaseRights() {
    }

    /**
     * Why {@code actor} may not apply {@code command} to a case owned by {@code assignee} (null: unassigned) in
     * {@code team} (null: none), asking for {@code newAssignee} / {@code newTeam} (an assign's fields; null
     * otherwise); empty when they may.
     */
    public static Optional<Refusal> refusal(Command command, String assignee, String team, String newAssignee,
                                            String newTeam, Actor actor) {
        if (actor.supervisor()) {
            return Optional.empty();
        }
        boolean someoneElses = assignee != null && !assignee.equals(actor.name());
        return switch (command) {
            case NOTE -> Optional.empty();
            case ESCALATE -> Optional.of(new Refusal(null, "escalating a case is a supervisor's right"));
            case ASSIGN -> assignRefusal(assignee, team, newAssignee, newTeam, actor);
            case FOLLOW_UP_RESULT -> assignee == null
                    ? Optional.of(new Refusal(null, "the callback closes the loop on the owner's word: an agent calls "
                    + "back only the cases assigned to them; assign this one to yourself first, or ask a supervisor"))
                    : someoneElses ? Optional.of(new Refusal(null, "the case is assigned to '" + assignee
                    + "'; calling back someone else's case is a supervisor's right"))
                    : Optional.empty();
            default -> someoneElses ? Optional.of(new Refusal(null, "the case is assigned to '" + assignee
                    + "'; an agent works unassigned cases and their own, someone else's is a supervisor's"))
                    : Optional.empty();
        };
    }

    private static Optional<Refusal> assignRefusal(String assignee, String team, String newAssignee, String newTeam,
                                                   Actor actor) {
        if (newAssignee == null || !newAssignee.equals(actor.name())) {
            return Optional.of(new Refusal("assignee", "an agent may assign a case only to themselves ('"
                    + actor.name() + "'); assigning it to someone else is a supervisor's right"));
        }
        if (assignee != null && !assignee.equals(actor.name())) {
            return Optional.of(new Refusal("assignee", "the case is assigned to '" + assignee
                    + "'; reassigning a case is a supervisor's right"));
        }
        if (newTeam != null && team != null && !team.equals(newTeam)) {
            return Optional.of(new Refusal("team", "the case is with team '" + team
                    + "'; moving it to another team is a supervisor's right"));
        }
        return Optional.empty();
    }
}
