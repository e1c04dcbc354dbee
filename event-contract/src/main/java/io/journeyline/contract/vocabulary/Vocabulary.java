package io.journeyline.contract.vocabulary;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A word of the contract's shared vocabulary: an enumeration the JSON Schemas define (channel, survey kind,
 * severity, …) as a Java enum. {@link #wire()} is the exact JSON value; Jackson writes and reads it.
 * {@code VocabularyTest} holds every enum to its schema, so the two cannot drift apart.
 */
public interface Vocabulary {
    /** The value as it appears in JSON, e.g. {@code web} for {@link Channel#WEB}, {@code NPS} for {@link SurveyKind#NPS}. */
    @JsonValue
    String wire();

    /** The constant of {@code type} whose wire value is {@code wire}, if there is one. */
    static <E extends Enum<E> & Vocabulary> Optional<E> parse(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst();
    }

    /** Every wire value of {@code type}, in declaration order (the order the schema lists them). */
    static List<String> wireValues(Class<? extends Vocabulary> type) {
        return Arrays.stream(type.getEnumConstants()).map(Vocabulary::wire).toList();
    }
}
