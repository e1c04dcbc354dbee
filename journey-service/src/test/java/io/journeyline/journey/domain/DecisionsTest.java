package io.journeyline.journey.domain;

import io.journeyline.journey.persistence.DecisionRepository.Decided;
import io.journeyline.journey.persistence.DecisionRepository.Echo;
import io.journeyline.journey.persistence.DecisionRepository.StageEntered;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionsTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-02T09:00:00Z");

    @Test
    void theStageIsTheLastOneEnteredByTheDecision() {
        List<StageEntered> stages = List.of(new StageEntered("PURCHASE", T), new StageEntered("ONBOARDING", T.plusHours(1)),
                new StageEntered("AT_RISK", T.plusHours(5)));
        assertThat(Decisions.stageAt(stages, T.minusMinutes(1))).isNull();
        assertThat(Decisions.stageAt(stages, T.plusHours(1))).isEqualTo("ONBOARDING");
        assertThat(Decisions.stageAt(stages, T.plusHours(4))).isEqualTo("ONBOARDING");
        assertThat(Decisions.stageAt(stages, T.plusDays(1))).isEqualTo("AT_RISK");
    }

    @Test
    void eachDownstreamAnswerGoesToTheInterventionItNamesAndACaseToItsPainPoint() {
        List<Decided> decided = List.of(
                decided("i-survey", "pp-1", "SURVEY", "SENT"),
                decided("i-case", "pp-2", "CASE", "SENT"),
                decided("i-edu", "pp-3", "EDUCATION", "SUPPRESSED"));
        List<Echo> echoes = List.of(
                new Echo("io.journeyline.survey.suppressed", T.plusMinutes(1), """
                        {"customerId":"c","invitationId":"inv-1","surveyId":"csat","reason":"intervention",
                         "guard":"recontact","detail":"invited 3 days ago","interventionId":"i-survey"}"""),
                new Echo("io.journeyline.case.opened", T.plusMinutes(2), """
                        {"customerId":"c","caseId":"case-9","status":"RECEIVED","priority":"HIGH","painPointId":"pp-2"}"""),
                new Echo("io.journeyline.education.assigned", T.plusMinutes(3), """
                        {"customerId":"c","assignmentId":"a-1","contentId":"x","reason":"r","interventionId":"i-other"}"""));

        List<Decisions.Decision> told = Decisions.of(decided, List.of(), echoes, List.of());

        assertThat(told.get(0).downstream().action()).isEqualTo("survey-suppressed");
        assertThat(told.get(0).downstream().detail()).isEqualTo("recontact: invited 3 days ago");
        assertThat(told.get(1).downstream().action()).isEqualTo("case-opened");
        assertThat(told.get(1).downstream().reference()).isEqualTo("case-9");
        assertThat(told.get(2).downstream()).as("another intervention's assignment").isNull();
    }

    private static Decided decided(String id, String painPoint, String type, String status) {
        return new Decided(id, painPoint, "PP-X", 1, type, null, status, null, "because", T, "NORMAL", "OPEN", null, false);
    }
}
