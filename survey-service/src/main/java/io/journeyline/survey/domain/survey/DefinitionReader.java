package io.journeyline.survey.domain.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import io.journeyline.contract.EventJson;
import io.journeyline.contract.JsonSchemas;
import io.journeyline.survey.domain.survey.SurveyDefinition.Item;
import io.journeyline.survey.domain.survey.SurveyDefinition.ItemType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a survey definition and names every problem in it: the shape against
 * {@code surveys/survey-definition.schema.json}, then what a schema cannot say — unique item and option ids, a headline
 * that is one of the rating items, options on choice items and only there, every text in the default language.
 * Pure: no Quarkus, no database.
 */
public final class DefinitionReader {
    private static final JsonSchema SCHEMA = JsonSchemas.load("classpath:surveys/survey-definition.schema.json");
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private DefinitionReader() {
    }

    /** A problem, at a JSON path ({@code items[2].options}). */
    public record Problem(String field, String message) {
    }

    /** The definition when it has no problems; else the problems, every one. */
    public record Result(SurveyDefinition definition, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Result read(JsonNode document) {
        if (document == null || !document.isObject()) {
            return new Result(null, List.of(new Problem("(document)", "a survey definition is a JSON object")));
        }
        List<Problem> problems = new ArrayList<>(JsonSchemas.validate(SCHEMA, document, "").stream()
                .map(v -> new Problem(v.field(), v.message())).toList());
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        SurveyDefinition definition = MAPPER.convertValue(document, SurveyDefinition.class);
        checkMeaning(definition, problems);
        return new Result(problems.isEmpty() ? definition : null, problems);
    }

    private static void checkMeaning(SurveyDefinition definition, List<Problem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < definition.items().size(); i++) {
            Item item = definition.items().get(i);
            String at = "items[" + i + "]";
            Integer earlier = seen.putIfAbsent(item.id(), i);
            if (earlier != null) {
                problems.add(new Problem(at + ".id", "'" + item.id() + "' is already the id of items[" + earlier + "]"));
            }
            requireDefaultLanguage(item.text(), definition.defaultLanguage(), at + ".text", problems);
            boolean choice = item.type() == ItemType.SINGLE_CHOICE || item.type() == ItemType.MULTIPLE_CHOICE;
            if (choice && item.options() == null) {
                problems.add(new Problem(at + ".options", "a choice item needs at least two options"));
            }
            if (!choice && item.options() != null) {
                problems.add(new Problem(at + ".options", "only choice items have options"));
            }
            if (item.options() != null) {
                Set<String> optionIds = new HashSet<>();
                for (int o = 0; o < item.options().size(); o++) {
                    SurveyDefinition.Option option = item.options().get(o);
                    if (!optionIds.add(option.id())) {
                        problems.add(new Problem(at + ".options[" + o + "].id", "'" + option.id() + "' appears twice"));
                    }
                    requireDefaultLanguage(option.text(), definition.defaultLanguage(), at + ".options[" + o + "].text",
                            problems);
                }
            }
        }
        Item headline = definition.item(definition.headline()).orElse(null);
        if (headline == null) {
            problems.add(new Problem("headline", "'" + definition.headline() + "' is not the id of an item"));
        } else if (headline.type() != ItemType.RATING) {
            problems.add(new Problem("headline", "the headline item must be a RATING item, '" + headline.id()
                    + "' is " + headline.type()));
        }
    }

    private static void requireDefaultLanguage(Map<String, String> texts, String language, String at,
                                               List<Problem> problems) {
        if (!texts.containsKey(language)) {
            problems.add(new Problem(at, "has no text in the default language '" + language + "'"));
        }
    }
}
