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
        Backtest backtest = new Backtest(ruleSet, new Backtest.Settings(FROM, TO, Duration.ofHours(1), GUARDS, sample, 10,
                1000));
        for (String customer : backtest.unknownCustomers(history)) {
            backtest.know(customer, customer.equals("frank")
                    ? new Known(List.of(new Sent("R-OTHER", "a", ActionType.EDUCATION, FROM.minus(Duration.ofDays(1))),
                    new Sent("R-OTHER", "b", ActionType.CASE, FROM.minus(Duration.ofDays(1)))), Set.of(), List.of())
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

    private static IncomingEvent event(String id, String customer, EventType type, Instant time, ObjectNode data) {
        data.put("customerId", customer);
        return new IncomingEvent(id, "/test", type, time.atOffset(ZoneOffset.UTC), customer, data, Map.of());
    }

    private static ObjectNode complaint(String topic) {
        return JsonNodeFactory.instance.objectNode().put("feedbackId", "f").put("kind", "complaint")
                .put("category", "MISUNDERSTANDING").put("channel", "phone").put("topic", topic);
    }

    /** Three customers' misunderstanding complaints on one topic within a week, with {@code action} as its action. */
    private static CompiledRuleSet contentGap(String action) {
        return CompiledRuleSet.of(1, RuleSetValidator.validate("""
                rules:
                  - id: R-GAP
                    version: 1
                    status: ACTIVE
                    severity: HIGH
                    on:
                      types: [io.journeyline.feedback.received]
                      where: {kind: complaint, category: MISUNDERSTANDING}
                    aggregate: {key: [topic], atLeast: 3, within: P7D}
                    action: {type: %s}
                """.formatted(action), 1000));
    }

    @Test
    void aContentGapAsksOnceForEachComplainantHoweverOftenTheyComplain() {
        CompiledRuleSet gap = contentGap("CONTENT_GAP, topicFrom: topic");
        Instant day = FROM.plus(Duration.ofDays(2));
        List<IncomingEvent> events = List.of(
                event("g1", "c1", EventType.FEEDBACK_RECEIVED, day, complaint("refunds")),
                event("g2", "c2", EventType.FEEDBACK_RECEIVED, day.plusSeconds(60), complaint("refunds")),
                event("g3", "c3", EventType.FEEDBACK_RECEIVED, day.plusSeconds(120), complaint("refunds")),  // opens
                event("g4", "c4", EventType.FEEDBACK_RECEIVED, day.plusSeconds(180), complaint("refunds")),  // joins
                event("g5", "c1", EventType.FEEDBACK_RECEIVED, day.plusSeconds(240), complaint("refunds"))); // again
        Backtest backtest = new Backtest(gap, new Backtest.Settings(FROM, TO, Duration.ofHours(1), GUARDS, null, 10, 1000));
        backtest.replay(events);
        backtest.finish();
        RuleResult rule = backtest.result(List.of()).rules().get(0);

        assertThat(rule.painPoints().count()).isEqualTo(1);
        assertThat(rule.painPoints().customers()).isEqualTo(4);
        assertThat(rule.interventions().asked()).as("one lesson per complainant, c1 once").isEqualTo(4);
        assertThat(rule.interventions().sent()).isEqualTo(4);
    }

    @Test
    void anAbsenceWhoseWaitEndsAfterThePeriodIsInNeitherCount() {
        CompiledRuleSet absence = CompiledRuleSet.of(1, RuleSetValidator.validate("""
                rules:
                  - id: R-NO-USE
                    version: 1
                    status: ACTIVE
                    severity: NORMAL
                    on:
                      types: [io.journeyline.touchpoint.recorded]
                      where: {action: purchase}
                    absence:
                      expected:
                        types: [io.journeyline.touchpoint.recorded]
                        where: {action: feature_use}
                      within: P7D
                    action: {type: EDUCATION, topicFrom: touchpoint}
                """, 1000));
        ObjectNode purchase = JsonNodeFactory.instance.objectNode().put("channel", "web").put("touchpoint", "shop")
                .put("action", "purchase");
        Instant early = TO.minus(Duration.ofDays(10));     // waited out on the 24th: fires
        Instant late = TO.minus(Duration.ofDays(2));       // its wait ends after the period
        Backtest backtest = new Backtest(absence, new Backtest.Settings(FROM, TO, Duration.ofHours(1), GUARDS, null, 10,
                1000));
        backtest.replay(List.of(event("p1", "hana", EventType.TOUCHPOINT_RECORDED, early, purchase.deepCopy()),
                event("p2", "ivan", EventType.TOUCHPOINT_RECORDED, late, purchase.deepCopy())));
        backtest.finish();
        RuleResult rule = backtest.result(List.of(new Recorded("live-hana", "R-NO-USE", "hana", early, Set.of("p1")),
                new Recorded("live-ivan", "R-NO-USE", "ivan", late, Set.of("p2")))).rules().get(0);

        assertThat(rule.painPoints().count()).isEqualTo(1);
        assertThat(rule.comparedWithRecorded().same()).isEqualTo(1);
        assertThat(rule.comparedWithRecorded().gone()).as("ivan's fired live after the period's end").isZero();
    }

    @Test
    void aBacktestThatFindsTooManyPainPointsStops() {
        buildHistory();
        Backtest backtest = new Backtest(errors(2, 2), new Backtest.Settings(FROM, TO, Duration.ofHours(1), GUARDS, null,
                10, 3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backtest.replay(history))
                .isInstanceOf(Backtest.TooBig.class).hasMessageContaining("more than 3 pain points");
    }

    @Test
    void aContentGapCountsEveryComplainantNotOnlyTheEvidenceItShows() {
        CompiledRuleSet gap = contentGap("NONE");
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(event("c" + i, "complainant-" + i, EventType.FEEDBACK_RECEIVED,
                    FROM.plus(Duration.ofDays(2)).plusSeconds(i), complaint("refunds")));
        }
        Backtest backtest = new Backtest(gap, new Backtest.Settings(FROM, TO, Duration.ofHours(1), GUARDS, null, 10, 1000));
        backtest.replay(events);
        backtest.finish();
        RuleResult rule = backtest.result(List.of()).rules().get(0);

        assertThat(rule.painPoints().count()).isEqualTo(1);
        assertThat(rule.painPoints().customers()).isEqualTo(150);
        assertThat(rule.painPoints().examples().get(0).evidence()).as("examples keep 100 pieces of evidence").hasSize(100);
    }
}
