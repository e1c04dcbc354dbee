package io.journeyline.journey.domain.rules;

import io.journeyline.journey.domain.rules.CompiledRuleSet.Role;
import io.journeyline.journey.domain.rules.RulePatterns.Firing;
import io.journeyline.journey.domain.rules.RulePatterns.Step;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleState.Mark;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patterns of the shipped default rules, with DOMAIN.md's thresholds as the known answers: ≥ 3 errors in 24 h,
 * ≥ 2 contacts in 7 days, failure then contact within 24 h, no first use within 7 days of a purchase, ≥ 5
 * misunderstanding complaints on one topic in 7 days.
 */
class RulePatternsTest {
    private static final Duration LATENESS = Duration.ofHours(6);
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void threeErrorsWithin24HoursFireOnceWithAllThreeAsEvidence() {
        Rule rule = rule("PP-REPEATED-ERRORS");

        Step step = RulePatterns.apply(rule, RuleState.empty(),
                List.of(error("e1", 0), error("e2", 20), error("e3", 40)), LATENESS);

        assertThat(step.firings()).singleElement().satisfies(firing -> {
            assertThat(firing.opened()).isTrue();
            assertThat(firing.evidence()).extracting(Mark::eventId).containsExactly("e1", "e2", "e3");
        });
    }

    @Test
    void twoErrorsOrThreeSpreadOverMoreThan24HoursDoNotFire() {
        Rule rule = rule("PP-REPEATED-ERRORS");

        assertThat(RulePatterns.apply(rule, RuleState.empty(), List.of(error("e1", 0), error("e2", 60)), LATENESS)
                .firings()).isEmpty();
        assertThat(RulePatterns.apply(rule, RuleState.empty(),
                List.of(error("e1", 0), error("e2", 12 * 60), error("e3", 24 * 60 + 1)), LATENESS).firings()).isEmpty();
    }

    @Test
    void furtherErrorsJoinTheOpenEpisodeAndOnlyAQuietWindowStartsANewOne() {
        Rule rule = rule("PP-REPEATED-ERRORS");
        Step first = RulePatterns.apply(rule, RuleState.empty(),
                List.of(error("e1", 0), error("e2", 10), error("e3", 20)), LATENESS);

        Step fourth = RulePatterns.apply(rule, first.state(), List.of(error("e4", 60)), LATENESS);
        assertThat(fourth.firings()).singleElement().satisfies(firing -> {
            assertThat(firing.opened()).isFalse();
            assertThat(firing.episode()).isEqualTo(1);
            assertThat(firing.evidence()).extracting(Mark::eventId).containsExactly("e4");
        });

        int threeDaysLater = 3 * 24 * 60;
        Step later = RulePatterns.apply(rule, fourth.state(), List.of(error("e5", threeDaysLater),
                error("e6", threeDaysLater + 5), error("e7", threeDaysLater + 10)), LATENESS);
        assertThat(later.firings()).singleElement().satisfies(firing -> {
            assertThat(firing.opened()).isTrue();
            assertThat(firing.episode()).isEqualTo(2);
        });
    }

    @Test
    void anyDeliveryOrderAndAnyBatchingGiveTheSameEpisodes() {
        Rule rule = rule("PP-REPEATED-ERRORS");
        List<Mark> errors = new ArrayList<>();
        int[] minutes = {0, 30, 50, 70, 4000, 4010, 4020, 9000};
        for (int i = 0; i < minutes.length; i++) {
            errors.add(error("e" + i, minutes[i]));
        }
        List<List<String>> expected = episodes(rule, List.of(errors));
        assertThat(expected).containsExactly(List.of("e0", "e1", "e2", "e3"), List.of("e4", "e5", "e6"));

        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<Mark> shuffled = new ArrayList<>(errors);
            Collections.shuffle(shuffled, random);
            List<List<Mark>> batches = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); ) {
                int size = 1 + random.nextInt(3);
                batches.add(shuffled.subList(i, Math.min(shuffled.size(), i + size)));
                i += size;
            }
            // within the lateness allowance, order does not matter: give a generous one here
            assertThat(episodes(rule, batches, Duration.ofDays(10))).as("order %s", shuffled).isEqualTo(expected);
        }
    }

    @Test
    void aRedeliveredMatchChangesNothing() {
        Rule rule = rule("PP-REPEATED-ERRORS");
        Step fired = RulePatterns.apply(rule, RuleState.empty(),
                List.of(error("e1", 0), error("e2", 10), error("e3", 20)), LATENESS);

        Step again = RulePatterns.apply(rule, fired.state(), List.of(error("e2", 10), error("e3", 20)), LATENESS);

        assertThat(again.firings()).isEmpty();
        assertThat(again.state()).isEqualTo(fired.state());
    }

    @Test
    void aLateEventInsideTheAllowanceCountsAndOneBeyondItIsSetAside() {
        Rule rule = rule("PP-REPEATED-ERRORS");
        Step two = RulePatterns.apply(rule, RuleState.empty(), List.of(error("e2", 300), error("e3", 310)), LATENESS);

        Step insideAllowance = RulePatterns.apply(rule, two.state(), List.of(error("e1", 300 - 5 * 60)), LATENESS);
        assertThat(insideAllowance.firings()).singleElement()
                .extracting(firing -> firing.evidence().stream().map(Mark::eventId).toList())
                .isEqualTo(List.of("e1", "e2", "e3"));

        Step beyond = RulePatterns.apply(rule, two.state(), List.of(error("e1", 310 - 7 * 60)), LATENESS);
        assertThat(beyond.firings()).isEmpty();
        assertThat(beyond.late()).extracting(Mark::eventId).containsExactly("e1");
    }

    @Test
    void theStateForgetsWhatIsOlderThanTheWindowAndTheAllowance() {
        Rule rule = rule("PP-REPEATED-ERRORS");
        Step step = RulePatterns.apply(rule, RuleState.empty(), List.of(error("old", 0)), LATENESS);
        step = RulePatterns.apply(rule, step.state(), List.of(error("new", 24 * 60 + 6 * 60 + 1)), LATENESS);

        assertThat(step.state().marks()).extracting(Mark::eventId).containsExactly("new");
    }

    @Test
    void failureThenContactWithin24HoursIsAChannelSwitchEvenWhenTheContactArrivesFirst() {
        Rule rule = rule("PP-CHANNEL-SWITCH");
        Mark failure = mark(Role.TRIGGER, "fail", 0, "c");
        Mark call = mark(Role.THEN, "call", 20, "c");

        Step inOrder = RulePatterns.apply(rule, RuleState.empty(), List.of(failure, call), LATENESS);
        Step callFirst = RulePatterns.apply(rule, RulePatterns.apply(rule, RuleState.empty(), List.of(call), LATENESS)
                .state(), List.of(failure), LATENESS);

        for (Step step : List.of(inOrder, callFirst)) {
            assertThat(step.firings()).singleElement().satisfies(firing ->
                    assertThat(firing.evidence()).extracting(Mark::eventId).containsExactlyInAnyOrder("fail", "call"));
        }
        Step tooLate = RulePatterns.apply(rule, RuleState.empty(),
                List.of(failure, mark(Role.THEN, "call", 24 * 60 + 1, "c")), Duration.ofDays(2));
        assertThat(tooLate.firings()).isEmpty();
    }

    @Test
    void aPurchaseWithoutFirstUseWaitsForItsTimerAndFiresOnlyWhenNothingCame() {
        Rule rule = rule("PP-NEW-CUSTOMER");
        Step purchased = RulePatterns.apply(rule, RuleState.empty(), List.of(mark(Role.TRIGGER, "buy", 0, "c")), LATENESS);
        assertThat(purchased.firings()).isEmpty();
        assertThat(purchased.absenceAnchors()).singleElement()
                .satisfies(anchor -> assertThat(anchor.dueAt()).isEqualTo(T0.plus(Duration.ofDays(7)).plus(LATENESS)));

        Step due = RulePatterns.absenceDue(purchased.state(), "buy");
        assertThat(due.firings()).singleElement().satisfies(firing ->
                assertThat(firing.evidence()).extracting(Mark::eventId).containsExactly("buy"));
        assertThat(RulePatterns.absenceDue(due.state(), "buy").firings()).as("a timer fired twice").isEmpty();

        Step used = RulePatterns.apply(rule, purchased.state(),
                List.of(mark(Role.EXPECTED, "use", 6 * 24 * 60, "c")), LATENESS);
        assertThat(RulePatterns.absenceDue(used.state(), "buy").firings()).isEmpty();

        Step usedTooLate = RulePatterns.apply(rule, purchased.state(),
                List.of(mark(Role.EXPECTED, "use", 7 * 24 * 60 + 1, "c")), LATENESS);
        assertThat(RulePatterns.absenceDue(usedTooLate.state(), "buy").firings()).hasSize(1);
    }

    @Test
    void fiveMisunderstandingComplaintsFromFiveCustomersOnOneTopicAreAContentGap() {
        Rule rule = rule("PP-CONTENT-GAP");
        List<Mark> complaints = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            complaints.add(mark(Role.TRIGGER, "m" + i, i * 24 * 60, "customer-" + i));
        }
        complaints.add(mark(Role.TRIGGER, "m-again", 60, "customer-0"));
        Step four = RulePatterns.apply(rule, RuleState.empty(), complaints, LATENESS);
        assertThat(four.firings()).as("five complaints, four customers").isEmpty();

        Step five = RulePatterns.apply(rule, four.state(),
                List.of(mark(Role.TRIGGER, "m4", 6 * 24 * 60, "customer-4")), LATENESS);
        assertThat(five.firings()).singleElement().satisfies(firing ->
                assertThat(firing.evidence()).extracting(Mark::customerId).containsOnly(
                        "customer-0", "customer-1", "customer-2", "customer-3", "customer-4"));
    }

    @Test
    void anAggregateCountsCustomersWhoseEventsArriveInAnyOrderWithinItsWindow() {
        Rule rule = rule("PP-CONTENT-GAP");
        RuleState state = RuleState.empty();
        List<Firing> firings = new ArrayList<>();
        for (int day = 6; day >= 2; day--) {            // newest first: other partitions lag, days apart
            Step step = RulePatterns.apply(rule, state, List.of(mark(Role.TRIGGER, "m" + day, day * 24 * 60,
                    "customer-" + day)), LATENESS);
            firings.addAll(step.firings());
            state = step.state();
        }

        assertThat(firings).singleElement().satisfies(firing -> assertThat(firing.evidence()).hasSize(5));
    }

    @Test
    void aPopularAggregateKeepsItsStateSmall() {
        Rule rule = rule("PP-CONTENT-GAP");
        RuleState state = RuleState.empty();
        int evidence = 0;
        for (int i = 0; i < 300; i++) {
            Step step = RulePatterns.apply(rule, state, List.of(mark(Role.TRIGGER, "m" + i, i, "customer-" + i)), LATENESS);
            evidence += step.firings().stream().mapToInt(firing -> firing.evidence().size()).sum();
            state = step.state();
        }

        assertThat(evidence).as("every complaint is evidence of the one gap").isEqualTo(300);
        assertThat(state.episodes()).hasSize(1);
        assertThat(state.marks()).hasSize(RulePatterns.EVIDENCE_KEPT);
    }

    private static List<List<String>> episodes(Rule rule, List<List<Mark>> batches) {
        return episodes(rule, batches, LATENESS);
    }

    /**
     * The evidence of each episode, each list sorted by event id and the episodes by their first id: the episodes'
     * numbers follow arrival order (the first to complete is number 1), their contents do not.
     */
    private static List<List<String>> episodes(Rule rule, List<List<Mark>> batches, Duration lateness) {
        RuleState state = RuleState.empty();
        List<List<String>> episodes = new ArrayList<>();
        for (List<Mark> batch : batches) {
            Step step = RulePatterns.apply(rule, state, batch, lateness);
            for (Firing firing : step.firings()) {
                while (episodes.size() < firing.episode()) {
                    episodes.add(new ArrayList<>());
                }
                firing.evidence().forEach(mark -> episodes.get(firing.episode() - 1).add(mark.eventId()));
            }
            state = step.state();
        }
        episodes.forEach(Collections::sort);
        episodes.sort(java.util.Comparator.comparing(evidence -> evidence.get(0)));
        return episodes;
    }

    private static Mark error(String id, int minutes) {
        return mark(Role.TRIGGER, id, minutes, "c");
    }

    private static Mark mark(Role role, String id, int minutes, String customerId) {
        return new Mark(role, T0.plus(Duration.ofMinutes(minutes)), id, customerId, null, null, RuleState.PENDING);
    }

    static Rule rule(String id) {
        return RuleSetValidator.defaults().ruleSet().rules().stream().filter(rule -> rule.id().equals(id))
                .findFirst().orElseThrow();
    }
}
