package io.journeyline.survey.domain.answers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.FieldLimits;
import io.journeyline.survey.domain.scoring.RatingScale;
import io.journeyline.survey.domain.survey.SurveyDefinition;
import io.journeyline.survey.domain.survey.SurveyDefinition.Item;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A customer's answers to one version of a survey, keyed by item id: a whole number on the item's scale for a
 * rating, an option id for a single choice, a list of distinct option ids for a multiple choice, text for free text.
 * Checks them (naming every bad answer), merges partial saves, and scores a completed sheet. Pure.
 */
public final class AnswerSheet {
    /** The longest free-text answer: the contract's bound on text, as a comment becomes survey.responded's. */
    public static final int MAX_TEXT = FieldLimits.TEXT;

    private AnswerSheet() {
    }

    /** A problem with one answer, at {@code answers.<itemId>}. */
    public record Problem(String field, String message) {
    }

    /**
     * What a completed sheet says.
     *
     * @param headline        the headline item's answer (the survey's score)
     * @param scores          {@code primary} and every answered rating item by id
     * @param themeScores     per experience theme, the mean of the answered 1–5 items tagged with it
     * @param dimensionScores per service-quality dimension, likewise
     * @param comment         the first answered free-text item, or null
     */
    public record Scored(double headline, Map<String, Double> scores, Map<String, Double> themeScores,
                         Map<String, Double> dimensionScores, String comment, List<ItemScore> items) {
    }

    /**
     * One answered rating item, as the results aggregate it: its scale, and its theme and dimension when it is a 1–5
     * item (the themes' and dimensions' means are on 1–5).
     */
    public record ItemScore(String itemId, RatingScale scale, String theme, String dimension, double score) {
    }

    /** Every problem with {@code answers} against {@code survey}: unknown items, wrong types, values off the scale. */
    public static List<Problem> check(SurveyDefinition survey, JsonNode answers) {
        List<Problem> problems = new ArrayList<>();
        if (answers == null || !answers.isObject()) {
            problems.add(new Problem("answers", "must be an object of item id → answer"));
            return problems;
        }
        // in the survey's order, answers to items it does not have last
        for (Item item : survey.items()) {
            JsonNode answer = answers.get(item.id());
            if (answer != null && !answer.isNull()) {
                String problem = problem(survey, item, answer);
                if (problem != null) {
                    problems.add(new Problem("answers." + item.id(), problem));
                }
            }
        }
        answers.fieldNames().forEachRemaining(name -> {
            if (survey.item(name).isEmpty()) {
                problems.add(new Problem("answers." + name, "is not an item of this survey"));
            }
        });
        return problems;
    }

    /** The required items {@code answers} leaves unanswered (a completion needs them all). */
    public static List<Problem> missing(SurveyDefinition survey, JsonNode answers) {
        return survey.items().stream()
                .filter(item -> item.answerRequired() || item.id().equals(survey.headline()))
                .filter(item -> !answers.hasNonNull(item.id()))
                .map(item -> new Problem("answers." + item.id(), "is required to complete the survey"))
                .toList();
    }

    /** The saved answers with {@code update}'s on top (an explicit null takes an answer back). */
    public static ObjectNode merge(ObjectNode saved, JsonNode update) {
        ObjectNode merged = saved.deepCopy();
        update.fields().forEachRemaining(entry -> {
            if (entry.getValue().isNull()) {
                merged.remove(entry.getKey());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        return merged;
    }

    /** Scores a complete, checked sheet. */
    public static Scored score(SurveyDefinition survey, JsonNode answers) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, List<Double>> themes = new TreeMap<>();
        Map<String, List<Double>> dimensions = new TreeMap<>();
        List<ItemScore> items = new ArrayList<>();
        String comment = null;
        for (Item item : survey.items()) {
            JsonNode answer = answers.get(item.id());
            if (answer == null || answer.isNull()) {
                continue;
            }
            switch (item.type()) {
                case RATING -> {
                    double value = answer.asDouble();
                    scores.put(item.id(), value);
                    RatingScale scale = survey.scaleOf(item);
                    boolean oneToFive = scale.min() == 1 && scale.max() == 5;
                    items.add(new ItemScore(item.id(), scale, oneToFive ? item.theme() : null,
                            oneToFive ? item.dimension() : null, value));
                    if (oneToFive) {
                        if (item.theme() != null) {
                            themes.computeIfAbsent(item.theme(), t -> new ArrayList<>()).add(value);
                        }
                        if (item.dimension() != null) {
                            dimensions.computeIfAbsent(item.dimension(), d -> new ArrayList<>()).add(value);
                        }
                    }
                }
                case FREE_TEXT -> comment = comment != null ? comment : answer.asText();
                default -> {
                }
            }
        }
        double headline = scores.get(survey.headline());
        Map<String, Double> withPrimary = new LinkedHashMap<>();
        withPrimary.put("primary", headline);
        withPrimary.putAll(scores);
        return new Scored(headline, withPrimary, means(themes), means(dimensions), comment, items);
    }

    private static Map<String, Double> means(Map<String, List<Double>> values) {
        Map<String, Double> means = new TreeMap<>();
        values.forEach((key, list) -> means.put(key, list.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return means;
    }

    private static String problem(SurveyDefinition survey, Item item, JsonNode answer) {
        return switch (item.type()) {
            case RATING -> {
                RatingScale scale = survey.scaleOf(item);
                yield answer.isNumber() && scale.accepts(answer.asDouble()) ? null
                        : "must be a whole number from " + scale.min() + " to " + scale.max();
            }
            case SINGLE_CHOICE -> answer.isTextual() && optionIds(item).contains(answer.asText()) ? null
                    : "must be one of " + optionIds(item);
            case MULTIPLE_CHOICE -> {
                if (!answer.isArray()) {
                    yield "must be a list of options from " + optionIds(item);
                }
                Set<String> seen = new HashSet<>();
                for (JsonNode chosen : answer) {
                    if (!chosen.isTextual() || !optionIds(item).contains(chosen.asText()) || !seen.add(chosen.asText())) {
                        yield "must be a list of distinct options from " + optionIds(item);
                    }
                }
                yield null;
            }
            case FREE_TEXT -> answer.isTextual() && answer.asText().length() <= MAX_TEXT ? null
                    : "must be text of at most " + MAX_TEXT + " characters";
        };
    }

    private static List<String> optionIds(Item item) {
        return item.options().stream().map(SurveyDefinition.Option::id).toList();
    }
}
