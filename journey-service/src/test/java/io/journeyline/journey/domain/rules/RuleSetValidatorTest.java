package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped rule set is valid and says what DOMAIN.md says; a bad rule set is refused with every problem named. */
class RuleSetValidatorTest {

    @Test
    void theDefaultRuleSetIsValidAndHoldsEveryRuleOfTheDomainBrief() {
        RuleSetValidator.Result defaults = RuleSetValidator.defaults();

        assertThat(defaults.problems()).isEmpty();
        assertThat(defaults.ruleSet().rules()).extracting(RuleSetDocument.Rule::id).containsExactly(
                "PP-DETRACTOR", "PP-LOW-CSAT", "PP-HIGH-EFFORT", "PP-REPEAT-CONTACT", "PP-CHANNEL-SWITCH",
                "PP-REPEATED-ERRORS", "PP-NEW-CUSTOMER", "PP-STALL", "PP-MISUNDERSTANDING", "PP-CONTENT-GAP",
                "PP-NEGATIVE-SENTIMENT", "PP-SLA-BREACH", "PP-LONG-WAIT", "PP-EDU-NO-EFFECT");
    }

    @Test
    void theDefaultThresholdsAreTheDomainBriefs() {
        RuleSetValidator.Result defaults = RuleSetValidator.defaults();
        var rules = defaults.ruleSet().rules();

        // DOMAIN.md: detractors score 0–6; low CSAT ≤ 2 of 5; high effort CES ≤ 3 of 7; sentiment ≤ −0.5; wait > 10 min.
        assertThat(fires(defaults, 0, survey("NPS", 6))).isTrue();
        assertThat(fires(defaults, 0, survey("NPS", 7))).isFalse();
        assertThat(fires(defaults, 1, survey("CSAT", 2))).isTrue();
        assertThat(fires(defaults, 1, survey("CSAT", 3))).isFalse();
        assertThat(fires(defaults, 2, survey("CES", 3))).isTrue();
        assertThat(fires(defaults, 2, survey("CES", 4))).isFalse();
        assertThat(fires(defaults, 10, feedback(-0.5))).isTrue();
        assertThat(fires(defaults, 10, feedback(-0.49))).isFalse();
        assertThat(fires(defaults, 12, event(touchpoint().put("waitMs", 600_001)))).isTrue();
        assertThat(fires(defaults, 12, event(touchpoint().put("waitMs", 600_000)))).isFalse();
        // Windows and counts: repeat contact ≥ 2 in 7 days, repeated errors ≥ 3 in 24 h, content gap ≥ 5 customers in 7 days.
        assertThat(rules.get(3).count()).isEqualTo(new RuleSetDocument.Count(2, Duration.ofDays(7)));
        assertThat(rules.get(5).count()).isEqualTo(new RuleSetDocument.Count(3, Duration.ofHours(24)));
        assertThat(rules.get(9).aggregate().atLeast()).isEqualTo(5);
        assertThat(rules.get(9).aggregate().within()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.get(4).sequence().within()).isEqualTo(Duration.ofHours(24));
        assertThat(rules.get(6).absence().within()).isEqualTo(Duration.ofDays(7));
        assertThat(rules.get(13).sequence().within()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aBadRuleSetIsRefusedWithEveryProblemNamed() {
        String document = """
                rules:
                  - id: PP-ONE
                    version: 1
                    status: ACTIVE
                    severity: HIGH
                    on:
                      types: [io.journeyline.touchpoint.recorded, io.journeyline.nothing.happened]
                      condition: data.waitMs >
                    count: {atLeast: 2, within: P7D}
                    sequence:
                      then: {types: [io.journeyline.touchpoint.recorded]}
                      within: PT1H
                    action: {type: SURVEY}
                  - id: PP-ONE
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on: {types: [io.journeyline.feedback.received], condition: "dat.kind == 'complaint'"}
                    action: {type: NONE}
                """;

        assertThat(RuleSetValidator.validate(document).problems()).extracting(RuleProblem::field).containsExactly(
                "rules[0]", "rules[0].action.surveyKind", "rules[0].on.types[1]", "rules[0].on.condition",
                "rules[1].id", "rules[1].on.condition");
    }

    @Test
    void theSchemaNamesMissingWindowsUnknownFieldsAndBadDurations() {
        String document = """
                rules:
                  - id: PP-TWO
                    version: 1
                    status: LIVE
                    severity: HIGH
                    on: {types: [io.journeyline.touchpoint.recorded]}
                    count: {atLeast: 3}
                    cooldown: 7 days
                    colour: red
                    action: {type: CASE}
                """;

        assertThat(RuleSetValidator.validate(document).problems()).extracting(RuleProblem::field)
                .contains("rules[0].count.within", "rules[0].status", "rules[0].cooldown", "rules[0]");
        assertThat(RuleSetValidator.validate("rules: [").problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("not valid YAML or JSON"));
    }

    private static boolean fires(RuleSetValidator.Result rules, int index, IncomingEvent event) {
        RuleSetDocument.Rule rule = rules.ruleSet().rules().get(index);
        RuleCondition condition = rules.conditions().get("rules[" + index + "].on.condition");
        return rule.on().types().contains(event.type().type()) && whereHolds(rule.on().where(), event)
                && (condition == null || condition.test(event, rule.paramsOrEmpty()));
    }

    private static boolean whereHolds(Map<String, Object> where, IncomingEvent event) {
        return where == null || where.entrySet().stream()
                .allMatch(entry -> entry.getValue().toString().equals(event.dataText(entry.getKey())));
    }

    private static IncomingEvent survey(String kind, int score) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", "c-1").put("surveyId", "s")
                .put("surveyKind", kind).put("responseId", "r");
        data.putObject("scores").put("primary", score);
        return event(EventType.SURVEY_RESPONDED, data);
    }

    private static IncomingEvent feedback(double sentiment) {
        return event(EventType.FEEDBACK_RECEIVED, JsonNodeFactory.instance.objectNode().put("customerId", "c-1")
                .put("kind", "complaint").put("category", "BILLING_FEES").put("channel", "phone").put("sentiment", sentiment));
    }

    private static ObjectNode touchpoint() {
        return JsonNodeFactory.instance.objectNode().put("customerId", "c-1").put("channel", "phone")
                .put("touchpoint", "hotline").put("action", "contact");
    }

    private static IncomingEvent event(EventType type, ObjectNode data) {
        return new IncomingEvent("e-1", "/test", type, OffsetDateTime.parse("2026-11-23T10:00:00Z"), "c-1", data, Map.of());
    }

    private static IncomingEvent event(ObjectNode touchpointData) {
        return event(EventType.TOUCHPOINT_RECORDED, touchpointData);
    }
}
