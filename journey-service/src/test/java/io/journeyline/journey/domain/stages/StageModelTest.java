package io.journeyline.journey.domain.stages;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventType;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.platform.cloudevents.IncomingEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped stage model walked through STORIES.md's journeys (DOMAIN.md: purchase → PURCHASE, …). */
class StageModelTest {
    private static final StageModel MODEL = StageModel.parse(shipped());

    @Test
    void story1ABuyerWhoHitsErrorsIsOnboardingAndFirstSuccessfulUseIsUsage() {
        assertThat(walk(touchpoint("visit"), touchpoint("purchase"), touchpoint("error"), touchpoint("error"),
                touchpoint("feature_use")))
                .containsExactly(Stage.PURCHASE, Stage.ONBOARDING, Stage.USAGE);
        assertThat(MODEL.phase(Stage.ONBOARDING)).isEqualTo("after-sale");
        assertThat(MODEL.phase(Stage.CONSIDERATION)).isEqualTo("pre-sale");
    }

    @Test
    void story2ADetractorIsAtRiskAndARecoveredCaseBringsThemBack() {
        assertThat(walk(touchpoint("purchase"), touchpoint("feature_use"), survey("NPS", 3), caseClosed("RECOVERED")))
                .containsExactly(Stage.PURCHASE, Stage.USAGE, Stage.AT_RISK, Stage.USAGE);
        assertThat(walk(touchpoint("purchase"), touchpoint("feature_use"), survey("NPS", 3), caseClosed("NOT_RECOVERED")))
                .endsWith(Stage.AT_RISK);
    }

    @Test
    void aPromoterInUsageIsLoyalAndAStatedStageWins() {
        assertThat(walk(touchpoint("purchase"), touchpoint("feature_use"), survey("NPS", 10)))
                .endsWith(Stage.LOYAL);
        ObjectNode data = data().put("channel", "store").put("touchpoint", "desk").put("action", "visit")
                .put("stage", "SERVICE");
        assertThat(walk(event(EventType.TOUCHPOINT_RECORDED, data))).containsExactly(Stage.SERVICE);
    }

    @Test
    void aModelWithMistakesNamesThem() {
        assertThatThrownBy(() -> StageModel.parse("""
                initial: AWARENESS
                phases: {pre-sale: [AWARENESS]}
                transitions:
                  - to: HAPPY
                    on: {types: [io.journeyline.touchpoint.recorded], condition: "data.action =="}
                """)).hasMessageContaining("USAGE belongs to no phase")
                .hasMessageContaining("transitions[0].to: 'HAPPY' is not a stage")
                .hasMessageContaining("transitions[0].on.condition: line 1");
    }

    /** The stages entered, in order, by a customer who starts at the initial stage. */
    private static List<Stage> walk(IncomingEvent... events) {
        Stage current = MODEL.initial();
        Stage previous = null;
        List<Stage> entered = new ArrayList<>();
        for (IncomingEvent event : events) {
            var next = MODEL.next(current, previous, event);
            if (next.isPresent()) {
                previous = current;
                current = next.get();
                entered.add(current);
            }
        }
        return entered;
    }

    private static IncomingEvent touchpoint(String action) {
        return event(EventType.TOUCHPOINT_RECORDED, data().put("channel", "app").put("touchpoint", "x").put("action", action));
    }

    private static IncomingEvent survey(String kind, int score) {
        ObjectNode data = data().put("surveyKind", kind);
        data.putObject("scores").put("primary", score);
        return event(EventType.SURVEY_RESPONDED, data);
    }

    private static IncomingEvent caseClosed(String outcome) {
        return event(EventType.CASE_CLOSED, data().put("caseId", "k").put("status", "CLOSED").put("outcome", outcome));
    }

    private static ObjectNode data() {
        return JsonNodeFactory.instance.objectNode().put("customerId", "c");
    }

    private static IncomingEvent event(EventType type, ObjectNode data) {
        return new IncomingEvent("e", "/test", type, OffsetDateTime.parse("2026-11-02T09:00:00Z"), "c", data, Map.of());
    }

    private static String shipped() {
        try (InputStream in = StageModelTest.class.getClassLoader().getResourceAsStream("stages/stage-model.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
