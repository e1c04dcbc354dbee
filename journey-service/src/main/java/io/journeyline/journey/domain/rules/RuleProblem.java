package io.journeyline.journey.domain.rules;

/**
 * One thing wrong with a rule set.
 *
 * @param field   where, as a path into the document: {@code rules[3].on.condition}
 * @param message what is wrong, in words an admin can act on
 */
public record RuleProblem(String field, String message) {
}
