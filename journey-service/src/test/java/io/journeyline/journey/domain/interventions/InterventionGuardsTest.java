package io.journeyline.journey.domain.interventions;

import io.journeyline.journey.domain.interventions.InterventionGuards.Decision;
import io.journeyline.journey.domain.interventions.InterventionGuards.Guard;
import io.journeyline.journey.domain.interventions.InterventionGuards.History;
import io.journeyline.journey.domain.interventions.InterventionGuards.Request;
import io.journeyline.journey.domain.interventions.InterventionGuards.Sent;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md's guards with its defaults: 7-day cooldown, 3 per 7 days, 7 days between surveys, consent, open case. */
class InterventionGuardsTest {
    private static final Instant NOW = Instant.parse("2026-11-10T12:00:00Z");
    private static final InterventionGuards GUARDS = new InterventionGuards(new InterventionGuards.Settings(
            Duration.ofDays(7), 3, Duration.ofDays(7), Duration.ofDays(7), Set.of("service", "education", "survey"), Duration.ofDays(2)));

    @Test
    void nothingInTheWayMeansSent() {
        assertThat(decide(request("PP-X", "wifi", ActionType.EDUCATION), List.of(), false, Map.of()).sent()).isTrue();
    }

    @Test
    void theSameRuleAndTopicWithinTheCooldownIsSuppressedAndAfterItIsNot() {
        Sent sixDaysAgo = new Sent("PP-X", "wifi", ActionType.EDUCATION, NOW.minus(Duration.ofDays(6)));
        Sent eightDaysAgo = new Sent("PP-X", "wifi", ActionType.EDUCATION, NOW.minus(Duration.ofDays(8)));

        assertThat(decide(request("PP-X", "wifi", ActionType.EDUCATION), List.of(sixDaysAgo), false, Map.of())
                .suppressedBy()).isEqualTo(Guard.COOLDOWN);
        assertThat(decide(request("PP-X", "wifi", ActionType.EDUCATION), List.of(eightDaysAgo), false, Map.of())
                .sent()).isTrue();
        assertThat(decide(request("PP-X", "tv", ActionType.CASE), List.of(sixDaysAgo), false, Map.of()).sent()).isTrue();
    }

    @Test
    void anotherRulesRequestOfTheSameKindOnTheSameTopicIsADuplicate() {
        Sent explainer = new Sent("PP-MISUNDERSTANDING", "refund-policy", ActionType.EDUCATION, NOW.minus(Duration.ofDays(1)));

        Decision decision = decide(request("PP-CONTENT-GAP", "refund-policy", ActionType.EDUCATION), List.of(explainer),
                false, Map.of());
        assertThat(decision.suppressedBy()).isEqualTo(Guard.DUPLICATE);
        assertThat(decision.reason()).contains("PP-MISUNDERSTANDING");
        assertThat(decide(request("PP-CONTENT-GAP", null, ActionType.EDUCATION), List.of(
                new Sent("PP-Y", null, ActionType.EDUCATION, NOW)), false, Map.of()).sent())
                .as("no topic: nothing to be a duplicate of").isTrue();
    }

    @Test
    void theFourthWithinSevenDaysHitsTheCapAndTheThirdDoesNot() {
        List<Sent> three = List.of(new Sent("A", "a", ActionType.CASE, NOW.minus(Duration.ofDays(6))),
                new Sent("B", "b", ActionType.EDUCATION, NOW.minus(Duration.ofDays(1))),
                new Sent("C", "c", ActionType.EDUCATION, NOW.minus(Duration.ofHours(1))));

        assertThat(decide(request("D", "d", ActionType.CASE), three, false, Map.of()).suppressedBy()).isEqualTo(Guard.CAP);
        assertThat(decide(request("D", "d", ActionType.CASE), three.subList(0, 2), false, Map.of()).sent()).isTrue();
    }

    @Test
    void surveysAreSpacedAndNeverSentWhileACaseIsOpen() {
        Sent survey = new Sent("PP-S", "x", ActionType.SURVEY, NOW.minus(Duration.ofDays(3)));

        assertThat(decide(request("PP-T", "y", ActionType.SURVEY), List.of(survey), false, Map.of()).suppressedBy())
                .isEqualTo(Guard.SURVEY_SPACING);
        assertThat(decide(request("PP-T", "y", ActionType.SURVEY), List.of(), true, Map.of()).suppressedBy())
                .isEqualTo(Guard.OPEN_CASE);
        assertThat(decide(request("PP-T", "y", ActionType.EDUCATION), List.of(), true, Map.of()).sent()).isTrue();
    }

    @Test
    void aRevokedPurposeWinsForThatPurposeOnly() {
        assertThat(decide(request("PP-X", "wifi", ActionType.EDUCATION), List.of(), false, Map.of("education", false))
                .suppressedBy()).isEqualTo(Guard.CONSENT);
        assertThat(decide(request("PP-X", "wifi", ActionType.CASE), List.of(), false, Map.of("education", false)).sent())
                .isTrue();
    }

    @Test
    void aPainPointDetectedOnEventsOlderThanTwoDaysAsksForNothingAndOneJustWithinDoes() {
        Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
        Request backfilled = new Request("PP-X", "wifi", ActionType.EDUCATION, tenDaysAgo, tenDaysAgo, null);
        Instant fortySevenHoursAgo = NOW.minus(Duration.ofHours(47));
        Request yesterday = new Request("PP-X", "wifi", ActionType.EDUCATION, fortySevenHoursAgo, fortySevenHoursAgo, null);
        // an absence: the purchase eight days ago, the 7-day wait for a first use over yesterday — not stale
        Request absence = new Request("PP-NEW-CUSTOMER", "router", ActionType.EDUCATION, NOW.minus(Duration.ofDays(8)),
                NOW.minus(Duration.ofDays(1)), null);

        Decision stale = GUARDS.decide(backfilled, new History(List.of(), false, Map.of("education", false)), NOW);
        assertThat(stale.suppressedBy()).as("stale is checked first: a backfill is not a consent question")
                .isEqualTo(Guard.STALE);
        assertThat(stale.reason()).contains("10 days old (stale after 2 days)");
        assertThat(GUARDS.decide(yesterday, new History(List.of(), false, Map.of()), NOW).sent()).isTrue();
        assertThat(GUARDS.decide(absence, new History(List.of(), false, Map.of()), NOW).sent())
                .as("aged from when the absence completed, not from its anchor").isTrue();
    }

    private static Request request(String rule, String topic, ActionType type) {
        return new Request(rule, topic, type, NOW, NOW, null);
    }

    private static Decision decide(Request request, List<Sent> sent, boolean caseOpen, Map<String, Boolean> consents) {
        return GUARDS.decide(request, new History(sent, caseOpen, consents), NOW);
    }
}
