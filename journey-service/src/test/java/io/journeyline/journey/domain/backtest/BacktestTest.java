package io.journeyline.journey.domain.backtest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventType;
import io.journeyline.journey.domain.backtest.Backtest.Known;
import io.journeyline.journey.domain.backtest.Backtest.Recorded;
import io.journeyline.journey.domain.backtest.BacktestResult.Change;
import io.journeyline.journey.domain.backtest.BacktestResult.RuleResult;
import io.journeyline.journey.domain.interventions.InterventionGuards;
import io.journeyline.journey.domain.interventions.InterventionGuards.Sent;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.domain.rules.RuleSetValidator;
import io.journeyline.platform.cloudevents.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest over a hand-built history whose answers are worked out by hand: the live rule (three errors on one
 * touchpoint within a day) and a candidate with a threshold of two differ by exactly the customers with two errors;
 * the cap of two interventions a week holds back the third of one customer and the first of one who already had two.
 */
class BacktestTest {
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");
    private static final InterventionGuards.Settings GUARDS = new InterventionGuards.Settings(Duration.ofDays(7), 2,
            Duration.ofDays(7), Duration.ofDays(30), Set.of("education", "service", "survey"), Duration.ofDays(7));

    private final List<IncomingEvent> history = new ArrayList<>();

    private static CompiledRuleSet errors(int atLeast, int version) {
        return CompiledRuleSet.of(1, RuleSetValidator.validate("""
                rules:
                  - id: R-ERRORS
                    version: %d
                    status: ACTIVE
                    severity: NORMAL
                    on:
                      types: [io.journeyline.touchpoint.recorded]
                      where: {action: error}
                    key: [touchpoint]
                    count: {atLeast: %d, within: PT24H}
                    action: {type: EDUCATION, topicFrom: touchpoint}
                """.formatted(version, atLeast), 1000));
    }

    /** {@code count} errors of {@code customer} on {@code touchpoint}, an hour apart from {@code first}. */
    private void errors(String customer, String touchpoint, int count, Instant first) {
        for (int i = 0; i < count; i++) {
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", customer).put("channel", "app")
                    .put("touchpoint", touchpoint).put("action", "error");
            history.add(new IncomingEvent(customer + "-" + touchpoint + "-" + i, "/app", EventType.TOUCHPOINT_RECORDED,
                    first.plus(Duration.ofHours(i)).atOffset(ZoneOffset.UTC), customer, data, Map.of()));
        }
    }

    private void buildHistory() {
        Instant day = FROM.plus(Duration.ofDays(3));
        errors("alice", "setup.wifi", 3, day);                    // three: both sets
        errors("bob", "setup.wifi", 2, day);                      // two: the candidate only
        errors("carol", "setup.wifi", 1, day);                    // one: neither
        errors("dave", "setup.wifi", 1, day);                     // two on different touchpoints: neither
        errors("dave", "setup.tv", 1, day);
        errors("erin", "setup.wifi", 2, day);                     // three pairs: the candidate, capped at two
        errors("erin", "setup.tv", 2, day.plus(Duration.ofHours(3)));
        errors("erin", "billing.page", 2, day.plus(Duration.ofHours(6)));
        errors("frank", "setup.wifi", 3, day);                    // had two lessons the day before the period
        errors("gina", "setup.wifi", 3, FROM.minus(Duration.ofHours(10)));   // before the period: warm-up only
        history.sort((a, b) -> a.time().compareTo(b.time()));
    }

    private BacktestResult run(CompiledRuleSet ruleSet, Set<String> sample, List<Recorded> recorded) {
        buildHistory();
        Backtest backtest = new Backtest(ruleSet, new Backtest.Settings(FROM, TO, Duration.ofHours(1), GUARDS, sample, 10));
        for (String customer : backtest.unknownCustomers(history)) {
            backtest.know(customer, customer.equals("frank")
                    ? new Known(List.of(new Sent("R-OTHER", "a", ActionType.EDUCATION, FROM.minus(Duration.ofDays(1))),
                    new Sent("R-OTHER", "b", ActionType.CASE, FROM.minus(Duration.ofDays(1)))), false, List.of())
                    : Known.NOTHING);
        }
        backtest.replay(history.subList(0, 7));
        backtest.replay(history.subList(7, history.size()));
        backtest.finish();
        return backtest.result(recorded);
    }

    /** What live evaluation recorded with the three-error rule: alice's and frank's pain points. */
    private static List<Recorded> recordedLive() {
        return List.of(new Recorded("live-alice", "R-ERRORS", "alice", FROM.plus(Duration.ofDays(3)),
                        Set.of("alice-setup.wifi-0", "alice-setup.wifi-1", "alice-setup.wifi-2")),
                new Recorded("live-frank", "R-ERRORS", "frank", FROM.plus(Duration.ofDays(3)),
                        Set.of("frank-setup.wifi-2")));
    }

    @Test
    void theLiveRuleFindsWhatWasRecordedAndNothingElse() {
        RuleResult rule = run(errors(3, 1), null, recordedLive()).rules().get(0);

        assertThat(rule.painPoints().count()).isEqualTo(2);
        assertThat(rule.painPoints().examples()).extracting(BacktestResult.Example::customerId)
                .containsExactlyInAnyOrder("alice", "frank");
        assertThat(rule.comparedWithRecorded().same()).isEqualTo(2);
        assertThat(rule.comparedWithRecorded().added()).isZero();
        assertThat(rule.comparedWithRecorded().gone()).isZero();
    }

    @Test
    void aLowerThresholdNamesExactlyTheCustomersItAdds() {
        BacktestResult result = run(errors(2, 2), null, recordedLive());
        RuleResult rule = result.rules().get(0);

        // alice 1, bob 1, erin 3, frank 1 (gina's is before the period)
        assertThat(rule.painPoints().count()).isEqualTo(6);
        assertThat(rule.painPoints().customers()).isEqualTo(4);
        assertThat(rule.painPoints().byTopic()).containsEntry("setup.wifi", 4).containsEntry("setup.tv", 1)
                .containsEntry("billing.page", 1);
        assertThat(rule.comparedWithRecorded().same()).isEqualTo(2);
        assertThat(rule.comparedWithRecorded().added()).isEqualTo(4);
        assertThat(rule.comparedWithRecorded().addedExamples()).extracting(Change::customerId)
                .containsExactlyInAnyOrder("bob", "erin", "erin", "erin");
        assertThat(rule.comparedWithRecorded().gone()).isZero();
        // the cap of two a week: erin's third lesson, and frank's first (two sent the day before the period)
        assertThat(rule.interventions().asked()).isEqualTo(6);
        assertThat(rule.interventions().sent()).isEqualTo(4);
        assertThat(rule.interventions().suppressedBy()).containsExactly(Map.entry("cap", 2));
        assertThat(result.painPointsBySeverity()).containsExactly(Map.entry("NORMAL", 6));
    }

    @Test
    void aRecordedPainPointTheCandidateNoLongerFindsIsGone() {
        RuleResult rule = run(errors(4, 2), null, recordedLive()).rules().get(0);

        assertThat(rule.painPoints().count()).isZero();
        assertThat(rule.comparedWithRecorded().gone()).isEqualTo(2);
        assertThat(rule.comparedWithRecorded().goneExamples()).extracting(Change::customerId)
                .containsExactlyInAnyOrder("alice", "frank");
    }

    @Test
    void aSampleReportsOnlyItsCustomers() {
        RuleResult rule = run(errors(2, 2), Set.of("bob", "carol"), recordedLive()).rules().get(0);

        assertThat(rule.painPoints().count()).isEqualTo(1);
        assertThat(rule.comparedWithRecorded().addedExamples()).extracting(Change::customerId).containsExactly("bob");
        assertThat(rule.comparedWithRecorded().recorded()).as("alice and frank are not in the sample").isZero();
    }
}
