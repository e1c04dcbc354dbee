package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventType;
import io.journeyline.platform.cloudevents.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CEL conditions as rules use them. Also the canary RULES.md asks for: the first compile fails with a
 * ProtobufRuntimeVersionException when a BOM bump moves protobuf-java away from the version CEL was generated with.
 */
class RuleConditionTest {

    @Test
    void compilesAndEvaluatesOverTheEventsDataAndTheRulesParams() {
        RuleCondition condition = compiled("data.scores.primary <= params.maxScore");

        assertThat(condition.test(nps(6), Map.of("maxScore", 6))).isTrue();
        assertThat(condition.test(nps(7), Map.of("maxScore", 6))).isFalse();
    }

    @Test
    void jsonNumbersCompareWhetherWrittenAsIntegersOrDecimals() {
        ObjectNode data = data().put("sentiment", -0.5);
        ObjectNode integral = data().put("sentiment", -1);

        RuleCondition condition = compiled("has(data.sentiment) && data.sentiment <= params.maxSentiment");
        assertThat(condition.test(event(EventType.FEEDBACK_RECEIVED, data), Map.of("maxSentiment", -0.5))).isTrue();
        assertThat(condition.test(event(EventType.FEEDBACK_RECEIVED, integral), Map.of("maxSentiment", -0.5))).isTrue();
        assertThat(condition.test(event(EventType.FEEDBACK_RECEIVED, data().put("sentiment", -0.49)),
                Map.of("maxSentiment", -0.5))).isFalse();
        assertThat(compiled("data.scores.primary <= 6").test(nps(6.0), Map.of())).isTrue();
    }

    @Test
    void aFieldTheEventLacksMakesTheConditionFalseNotAnError() {
        RuleCondition condition = compiled("data.waitMs > params.maxWaitMs");

        assertThat(condition.test(event(EventType.TOUCHPOINT_RECORDED, data()), Map.of("maxWaitMs", 600_000))).isFalse();
        assertThat(compiled("has(data.topic)").test(event(EventType.TOUCHPOINT_RECORDED, data()), Map.of())).isFalse();
    }

    @Test
    void eachEvaluationSeesItsOwnEventAndParamsWhateverCameBefore() {
        // an event's values are kept for the conditions that follow on it: the next event, or the same event with
        // other params, must not see them
        RuleCondition atMost = compiled("data.scores.primary <= params.maxScore");
        RuleCondition exactly = compiled("data.scores.primary == params.score");
        IncomingEvent six = nps(6);
        IncomingEvent nine = nps(9);
        Map<String, Object> sixes = Map.of("maxScore", 6, "score", 6);

        assertThat(atMost.test(six, sixes)).isTrue();
        assertThat(exactly.test(six, sixes)).isTrue();
        assertThat(atMost.test(six, Map.of("maxScore", 5))).isFalse();
        assertThat(atMost.test(nine, sixes)).isFalse();
        assertThat(exactly.test(nine, Map.of("score", 9))).isTrue();
        assertThat(atMost.test(six, sixes)).isTrue();
        assertThat(exactly.test(nps(6), Map.of("score", 9))).isFalse();
    }

    @Test
    void theEnvelopeIsThereToo() {
        assertThat(compiled("event.type == 'io.journeyline.survey.responded' && event.source == '/survey'"
                + " && event.time.getHours() == 10").test(nps(9), Map.of())).isTrue();
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        assertThat(RuleCondition.compile("dat.score < 3").problems())
                .singleElement().asString().startsWith("line 1, column 1: ").contains("undeclared reference to 'dat'");
        assertThat(RuleCondition.compile("data.score < ").problems()).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("line 1, column"));
        assertThat(RuleCondition.compile("'a string'").problems())
                .singleElement().asString().contains("expected type 'bool'");
    }

    @Test
    void comprehensionsStopAtTheIterationLimitCountedAcrossNestedOnesAndDoNotMatch() {
        String nested = "data.attributes.n.all(a, data.attributes.n.all(b, a + b >= 0))";
        RuleCondition limited = RuleCondition.compile(nested, 100).condition();
        // 9 outer + 81 inner iterations fit in 100; 10 + 100 do not
        assertThat(limited.evaluate(numbers(9), Map.of())).isEqualTo(RuleCondition.Outcome.MATCHED);
        assertThat(limited.evaluate(numbers(10), Map.of())).isEqualTo(RuleCondition.Outcome.LIMIT_REACHED);
        assertThat(limited.test(numbers(10), Map.of())).isFalse();

        RuleCondition flat = RuleCondition.compile("data.attributes.n.all(a, a >= 0)", 100).condition();
        assertThat(flat.evaluate(numbers(100), Map.of())).isEqualTo(RuleCondition.Outcome.MATCHED);
        assertThat(flat.evaluate(numbers(101), Map.of())).isEqualTo(RuleCondition.Outcome.LIMIT_REACHED);
        assertThat(flat.evaluate(event(EventType.TOUCHPOINT_RECORDED, data()), Map.of()))
                .as("a condition that cannot be evaluated is simply not matched").isEqualTo(RuleCondition.Outcome.NOT_MATCHED);
    }

    @Test
    void theDefaultLimitStopsANestedComprehensionOverThousandsOfItems() {
        RuleCondition condition = compiled("data.attributes.n.all(a, data.attributes.n.all(b, a + b >= 0))");
        assertThat(condition.maxIterations()).isEqualTo(RuleCondition.DEFAULT_MAX_ITERATIONS).isEqualTo(1000);
        // 3000 × 3000 = 9 million steps without the limit; with it, a thousand and out
        assertThat(condition.evaluate(numbers(3000), Map.of())).isEqualTo(RuleCondition.Outcome.LIMIT_REACHED);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleCondition.compile("true", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A touchpoint whose {@code attributes.n} is the array 0 … count − 1. */
    private static IncomingEvent numbers(int count) {
        ObjectNode data = data().put("channel", "web").put("touchpoint", "home").put("action", "visit");
        var n = data.putObject("attributes").putArray("n");
        for (int i = 0; i < count; i++) {
            n.add(i);
        }
        return event(EventType.TOUCHPOINT_RECORDED, data);
    }

    private static RuleCondition compiled(String expression) {
        RuleCondition.Compiled compiled = RuleCondition.compile(expression);
        assertThat(compiled.problems()).isEmpty();
        return compiled.condition();
    }

    private static IncomingEvent nps(Number score) {
        ObjectNode data = data().put("surveyId", "nps-q4").put("surveyKind", "NPS").put("responseId", "r-1");
        if (score instanceof Double d) {
            data.putObject("scores").put("primary", d);
        } else {
            data.putObject("scores").put("primary", score.intValue());
        }
        return event(EventType.SURVEY_RESPONDED, data);
    }

    private static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode().put("customerId", "c-1");
    }

    private static IncomingEvent event(EventType type, ObjectNode data) {
        return new IncomingEvent("e-1", "/survey", type, OffsetDateTime.parse("2026-11-23T10:15:00Z"), "c-1", data, Map.of());
    }
}
