package io.journeyline.survey.domain.answers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.survey.Surveys;
import io.journeyline.survey.domain.survey.DefinitionReader;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerSheetTest {
    private static final SurveyDefinition SURVEY = DefinitionReader.read(Surveys.onboarding()).definition();

    @Test
    void everyBadAnswerIsNamed() throws Exception {
        var answers = EventJson.mapper().readTree("""
                {"recommend": 11, "setup-ease": 4.5, "channel": "fax", "liked": ["speed", "speed"], "why": 3,
                 "shoe-size": 42}""");
        assertThat(AnswerSheet.check(SURVEY, answers)).extracting(p -> p.field() + ": " + p.message()).containsExactly(
                "answers.recommend: must be a whole number from 0 to 10",
                "answers.setup-ease: must be a whole number from 1 to 5",
                "answers.channel: must be one of [app, store]",
                "answers.liked: must be a list of distinct options from [speed, help, price]",
                "answers.why: must be text of at most 4000 characters",
                "answers.shoe-size: is not an item of this survey");
    }

    @Test
    void partialSavesMergeAndACompletionNeedsTheRequiredItems() throws Exception {
        ObjectNode saved = (ObjectNode) EventJson.mapper().readTree("{\"channel\": \"app\", \"why\": \"slow\"}");
        ObjectNode merged = AnswerSheet.merge(saved, EventJson.mapper().readTree("{\"why\": null, \"setup-ease\": 2}"));
        assertThat(merged.toString()).isEqualTo("{\"channel\":\"app\",\"setup-ease\":2}");
        assertThat(AnswerSheet.missing(SURVEY, merged)).extracting(AnswerSheet.Problem::field)
                .containsExactly("answers.recommend");
    }

    @Test
    void aCompletedSheetScoresTheHeadlineItemsThemesAndDimensions() throws Exception {
        var answers = EventJson.mapper().readTree("""
                {"recommend": 9, "setup-ease": 4, "channel": "store", "liked": ["help"], "why": "The staff helped."}""");
        AnswerSheet.Scored scored = AnswerSheet.score(SURVEY, answers);
        assertThat(scored.headline()).isEqualTo(9);
        assertThat(scored.scores()).containsExactly(java.util.Map.entry("primary", 9.0),
                java.util.Map.entry("recommend", 9.0), java.util.Map.entry("setup-ease", 4.0));
        // the NPS item (0–10) is tagged TRUST but is not a 1–5 item: only setup-ease counts toward themes
        assertThat(scored.themeScores()).containsExactly(java.util.Map.entry("CONVENIENCE", 4.0));
        assertThat(scored.dimensionScores()).containsExactly(java.util.Map.entry("RESPONSIVENESS", 4.0));
        assertThat(scored.comment()).isEqualTo("The staff helped.");
    }
}
