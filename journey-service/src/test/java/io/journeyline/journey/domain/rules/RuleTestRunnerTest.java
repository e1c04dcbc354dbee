package io.journeyline.journey.domain.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests rules carry: the shipped defaults' pass in the build; a wrong expectation or bad event is named. */
class RuleTestRunnerTest {
    private static final Duration LATENESS = Duration.ofHours(6);

    @Test
    void everyShippedDefaultRulePassesItsOwnTests() {
        RuleSetValidator.Result defaults = RuleSetValidator.defaults();

        assertThat(defaults.ruleSet().rules().stream().filter(rule -> rule.tests() == null).map(rule -> rule.id()))
                .as("rules without tests (a stall is driven by stages, not events)").containsExactly("PP-STALL");
        assertThat(RuleTestRunner.run(defaults, LATENESS)).isEmpty();
    }

    @Test
    void aTestWhoseExpectationTheRuleDoesNotMeetIsNamedWithWhatHappened() {
        RuleSetValidator.Result ruleSet = compile("""
                rules:
                  - id: PP-LONG-WAIT
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on:
                      types: [io.journeyline.touchpoint.recorded]
                      condition: has(data.waitMs) && data.waitMs > 600000
                    action: {type: NONE}
                    tests:
                      - name: ten minutes is too long
                        events:
                          - data: {channel: phone, touchpoint: hotline, action: contact, waitMs: 600000}
                        expect: [[0]]
                """);

        assertThat(RuleTestRunner.run(ruleSet, LATENESS)).containsExactly(new RuleProblem("rules[0].tests[0]",
                "'ten minutes is too long': expected pain points with evidence [[0]] (event indexes), got []"));
    }

    @Test
    void aTestEventOnWhichTheConditionStopsAtTheIterationLimitIsNamed() {
        String rules = """
                rules:
                  - id: PP-NESTED
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on:
                      types: [io.journeyline.touchpoint.recorded]
                      condition: data.attributes.n.all(a, data.attributes.n.all(b, a != b || a == b))
                    action: {type: NONE}
                    tests:
                      - name: a short list fires
                        events:
                          - data: {channel: web, touchpoint: home, action: visit, attributes: {n: [1, 2, 3]}}
                        expect: [[0]]
                      - name: a long one is not evaluated to the end
                        events:
                          - data: {channel: web, touchpoint: home, action: visit, attributes: {n: [1, 2, 3, 4, 5]}}
                        expect: []
                """;
        RuleSetValidator.Result limited = RuleSetValidator.validate(rules, 20);
        assertThat(limited.valid()).isTrue();

        // 3 + 9 iterations fit in 20; 5 + 25 do not: the second test passes (no pain point) but says why
        assertThat(RuleTestRunner.run(limited, LATENESS)).containsExactly(new RuleProblem("rules[0].tests[1].events[0]",
                "the condition stopped at its limit of 20 comprehension iterations "
                        + "(journeyline.rules.condition-max-iterations) on this event, so it does not match it"));
        assertThat(RuleTestRunner.run(RuleSetValidator.validate(rules, 100), LATENESS))
                .containsExactly(new RuleProblem("rules[0].tests[1]", "'a long one is not evaluated to the end': "
                        + "expected pain points with evidence [] (event indexes), got [[0]]"));
    }

    @Test
    void aTestEventTheContractWouldRejectIsNamedField() {
        RuleSetValidator.Result ruleSet = compile("""
                rules:
                  - id: PP-ERRORS
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on: {types: [io.journeyline.touchpoint.recorded], where: {action: error}}
                    action: {type: NONE}
                    tests:
                      - name: an error
                        events:
                          - data: {channel: pigeon, action: error}
                        expect: [[0]]
                """);

        assertThat(RuleTestRunner.run(ruleSet, LATENESS)).extracting(RuleProblem::field)
                .containsExactly("rules[0].tests[0].events[0].data.channel", "rules[0].tests[0].events[0].data.touchpoint");
    }

    @Test
    void anExpectedEventThatIsNotInTheTestIsAValidationProblem() {
        RuleSetValidator.Result result = RuleSetValidator.validate("""
                rules:
                  - id: PP-ERRORS
                    version: 1
                    status: ACTIVE
                    severity: LOW
                    on: {types: [io.journeyline.touchpoint.recorded]}
                    action: {type: NONE}
                    tests:
                      - name: one event
                        events:
                          - data: {channel: app, touchpoint: x, action: error}
                        expect: [[0, 3]]
                """);

        assertThat(result.problems()).containsExactly(new RuleProblem("rules[0].tests[0].expect[0]",
                "event 3 does not exist: the test has 1 events"));
    }

    @Test
    void aDraftOrRetiredRulesTestsRunToo() {
        RuleSetValidator.Result retired = RuleSetValidator.validate(RuleSetValidator.defaultsText()
                .replace("status: ACTIVE", "status: RETIRED"));
        assertThat(retired.problems()).isEmpty();

        assertThat(RuleTestRunner.run(retired, LATENESS)).isEmpty();
    }

    private static RuleSetValidator.Result compile(String yaml) {
        RuleSetValidator.Result result = RuleSetValidator.validate(yaml);
        assertThat(result.problems()).isEmpty();
        return result;
    }
}
