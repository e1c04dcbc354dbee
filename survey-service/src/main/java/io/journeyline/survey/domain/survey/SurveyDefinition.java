package io.journeyline.survey.domain.survey;

import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.survey.domain.scoring.RatingScale;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A survey as an admin defines it (the shape is {@code surveys/survey-definition.schema.json}; {@link DefinitionReader}
 * checks both). The headline item is a rating on the kind's scale (NPS 0–10, CSAT 1–5, CES 1–7); other rating items
 * are Likert items, 1–5. Items may carry an experience theme and a service-quality dimension (DOMAIN.md); every text
 * is given in the default language and optionally in others.
 */
public record SurveyDefinition(String id, String name, SurveyKind kind, String defaultLanguage, String headline,
                               Integer recontactDays, List<Item> items) {

    public enum ItemType { RATING, SINGLE_CHOICE, MULTIPLE_CHOICE, FREE_TEXT }

    /** One question. {@code options} for the choice types only. */
    public record Item(String id, ItemType type, Map<String, String> text, Boolean required, String theme,
                       String dimension, List<Option> options) {

        /** Whether a completion needs an answer to it ({@code required} absent means no). */
        public boolean answerRequired() {
            return Boolean.TRUE.equals(required);
        }
    }

    public record Option(String id, Map<String, String> text) {
    }

    public Optional<Item> item(String itemId) {
        return items.stream().filter(item -> item.id().equals(itemId)).findFirst();
    }

    /** The scale an answer to this rating item is on: the kind's for the headline, Likert for the others. */
    public RatingScale scaleOf(Item item) {
        return item.id().equals(headline) ? RatingScale.of(kind) : RatingScale.LIKERT;
    }

    /** The same definition under another id (the id is the survey's, not part of what a version changes). */
    public SurveyDefinition withId(String newId) {
        return new SurveyDefinition(newId, name, kind, defaultLanguage, headline, recontactDays, items);
    }

    /**
     * The text in {@code language} if the survey has it, else in its parent language ({@code zh} for {@code zh-CN}),
     * else in the default language.
     */
    public static String text(Map<String, String> texts, String language, String defaultLanguage) {
        if (language != null) {
            if (texts.containsKey(language)) {
                return texts.get(language);
            }
            int dash = language.indexOf('-');
            if (dash > 0 && texts.containsKey(language.substring(0, dash))) {
                return texts.get(language.substring(0, dash));
            }
        }
        return texts.get(defaultLanguage);
    }
}
