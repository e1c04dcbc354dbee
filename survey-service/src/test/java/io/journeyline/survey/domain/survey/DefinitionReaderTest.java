package io.journeyline.survey.domain.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.survey.Surveys;
import io.journeyline.survey.domain.scoring.RatingScale;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionReaderTest {

    @Test
    void aValidDefinitionReadsWithItsScales() {
        DefinitionReader.Result result = DefinitionReader.read(Surveys.onboarding());
        assertThat(result.problems()).isEmpty();
        SurveyDefinition survey = result.definition();
        assertThat(survey.kind()).isEqualTo(SurveyKind.NPS);
        assertThat(survey.scaleOf(survey.item("recommend").orElseThrow())).isEqualTo(RatingScale.NPS);
        assertThat(survey.scaleOf(survey.item("setup-ease").orElseThrow())).isEqualTo(RatingScale.LIKERT);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        ObjectNode survey = Surveys.onboarding();
        survey.put("headline", "why");                                            // a free-text item
        ((ObjectNode) survey.withArray("items").get(1)).put("id", "recommend");    // a second "recommend"
        ((ObjectNode) survey.withArray("items").get(2)).withArray("options").remove(1);   // one option left
        ((ObjectNode) survey.withArray("items").get(3)).putObject("text").put("fr", "Qu'avez-vous aimé ?");
        ((ObjectNode) survey.withArray("items").get(4)).putArray("options");        // options on free text

        assertThat(DefinitionReader.read(survey).problems()).extracting(DefinitionReader.Problem::field)
                .containsExactly("items[2].options", "items[4].options");          // the shape first
        ((ObjectNode) survey.withArray("items").get(2)).withArray("options")
                .add(EventJson.mapper().valueToTree(Map.of("id", "web", "text", Map.of("en", "On the web"))));
        ((ObjectNode) survey.withArray("items").get(4)).withArray("options")
                .add(EventJson.mapper().valueToTree(Map.of("id", "a", "text", Map.of("en", "A"))))
                .add(EventJson.mapper().valueToTree(Map.of("id", "b", "text", Map.of("en", "B"))));

        assertThat(DefinitionReader.read(survey).problems()).extracting(p -> p.field() + ": " + p.message())
                .containsExactly(
                        "items[1].id: 'recommend' is already the id of items[0]",
                        "items[3].text: has no text in the default language 'en'",
                        "items[4].options: only choice items have options",
                        "headline: the headline item must be a RATING item, 'why' is FREE_TEXT");
    }

    @Test
    void theShapeIsCheckedAgainstTheSchema() {
        JsonNode bad = EventJson.mapper().valueToTree(Map.of("name", "", "kind", "SMILEY", "defaultLanguage", "English",
                "headline", "q", "items", java.util.List.of(Map.of("id", "q", "type", "RATING",
                        "text", Map.of("en", "?"), "theme", "LUCK"))));
        assertThat(DefinitionReader.read(bad).problems()).extracting(DefinitionReader.Problem::field)
                .contains("defaultLanguage", "items[0].theme", "kind", "name");
        assertThat(DefinitionReader.read(null).valid()).isFalse();
    }

    @Test
    void aTextFallsBackToItsParentLanguageThenTheDefault() {
        Map<String, String> texts = Map.of("en", "Hello", "zh", "你好");
        assertThat(SurveyDefinition.text(texts, "zh-CN", "en")).isEqualTo("你好");
        assertThat(SurveyDefinition.text(texts, "fr", "en")).isEqualTo("Hello");
        assertThat(SurveyDefinition.text(texts, null, "en")).isEqualTo("Hello");
    }
}
