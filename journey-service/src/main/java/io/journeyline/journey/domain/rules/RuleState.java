package io.journeyline.journey.domain.rules;

import io.journeyline.journey.domain.rules.CompiledRuleSet.Role;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What one rule remembers about one customer and key (or, for an aggregate rule, about one key across customers):
 * the recent matching events, pruned to the rule's window plus the allowed lateness, and the latest episode. It is
 * small, bounded, and stored as JSON in one row, so a batch reads and writes all the rows it touches in one
 * statement each.
 *
 * @param watermark the latest event time seen; events more than the allowed lateness before it are late
 * @param marks     recent matches, ordered by (time, event id)
 * @param episodes  recent episodes (each one pain point), oldest first; later matches near one of them join it
 * @param count     how many episodes there have been (numbers the next one)
 */
public record RuleState(Instant watermark, List<Mark> marks, List<Episode> episodes, int count) {

    /** A state no event has touched yet. */
    public static RuleState empty() {
        return new RuleState(null, List.of(), List.of(), 0);
    }

    /** Pending: not yet evidence of an episode (nor, for an absence anchor, satisfied). */
    public static final int PENDING = 0;
    /** An absence anchor whose expected event came in time. */
    public static final int SATISFIED = -1;

    /**
     * One matching event.
     *
     * @param customerId the customer (aggregate rules count customers)
     * @param topic      the event's topic, if it has one (for the pain point and its intervention)
     * @param touchpoint the event's touchpoint, if it has one
     * @param episode    {@link #PENDING}, {@link #SATISFIED}, or the number of the episode it is evidence of
     */
    public record Mark(Role role, Instant time, String eventId, String customerId, String topic, String touchpoint,
                       int episode) {
        static final Comparator<Mark> ORDER = Comparator.comparing(Mark::time).thenComparing(Mark::eventId)
                .thenComparing(Mark::role);

        Mark in(int episodeNumber) {
            return new Mark(role, time, eventId, customerId, topic, touchpoint, episodeNumber);
        }
    }

    /** An episode: one pain point, from its first to its last piece of evidence. */
    public record Episode(int number, Instant first, Instant last) {
        Episode widenedBy(Instant time) {
            return new Episode(number, time.isBefore(first) ? time : first, time.isAfter(last) ? time : last);
        }
    }
}
