package io.journeyline.console.domain;

import io.journeyline.console.domain.FieldProblems.Issue;
import io.journeyline.console.domain.FieldProblems.Placed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's problem fields placed at the inputs of the form that sent the request. */
class FieldProblemsTest {
    @Test
    void aPlainInputTakesItsFieldAndEveryPartOfIt() {
        FieldProblems problems = FieldProblems.form().input("title").input("topics").input("durationMinutes")
                .place(List.of(new Issue("title[EN].<map value>", "must not be blank"),
                        new Issue("title<K>[EN].<map key>", "must match"),
                        new Issue("topics[0].<list element>", "must not be blank"),
                        new Issue("durationMinutes", "must be greater than or equal to 1"),
                        new Issue("titles", "not mine"),
                        new Issue("(body)", "no input of this form")));
        assertThat(problems.at("title")).extracting(Placed::path)
                .containsExactly("title[EN].<map value>", "title<K>[EN].<map key>");
        assertThat(problems.at("topics")).hasSize(1);
        assertThat(problems.at("durationMinutes")).containsExactly(
                new Placed("", "must be greater than or equal to 1", null, null));
        assertThat(problems.elsewhere()).extracting(Issue::field).containsExactly("titles", "(body)");
        assertThat(problems.has("owner")).isFalse();
        assertThat(problems.at("owner")).isEmpty();
        assertThat(problems.count()).isEqualTo(6);
    }

    @Test
    void aDocumentsProblemsAreItsOwnPathsWithTheirLineAndRule() {
        String document = "rules:\n  - id: PP-A\n    version: 1\n  - id: PP-B\n    when: x\n";
        FieldProblems problems = FieldProblems.form().document("document", document, "document", "rules", "(document)")
                .input("from").input("to")
                .place(List.of(new Issue("document.rules[1].when", "unknown property"),
                        new Issue("rules[0].version", "must be raised"),
                        new Issue("(document)", "not valid YAML"),
                        new Issue("from", "must be before 'to'")));
        // in the order of the document's lines, the whole document's first
        assertThat(problems.at("document")).containsExactly(
                new Placed("", "not valid YAML", null, null),
                new Placed("rules[0].version", "must be raised", 3, "PP-A"),
                new Placed("rules[1].when", "unknown property", 5, "PP-B"));
        assertThat(problems.at("from")).extracting(Placed::message).containsExactly("must be before 'to'");
        assertThat(problems.elsewhere()).isEmpty();
        assertThat(problems.any()).isTrue();
    }

    @Test
    void theLongestNameWinsAndEverythingTakesTheRest() {
        FieldProblems problems = FieldProblems.form().document("definition", "{\"name\": \"\"}", null,
                        FieldProblems.EVERYTHING).input("ids")
                .place(List.of(new Issue("ids[2]", "not ours"), new Issue("name", "too short"),
                        new Issue("", "the body")));
        assertThat(problems.at("ids")).extracting(Placed::path).containsExactly("ids[2]");
        assertThat(problems.at("definition")).containsExactly(new Placed("", "the body", null, null),
                new Placed("name", "too short", 1, null));
    }

    @Test
    void aFieldIsCoveredOnlyByItsOwnNameOrItsParts() {
        assertThat(FieldProblems.covers("to", "to")).isTrue();
        assertThat(FieldProblems.covers("to", "topic")).isFalse();
        assertThat(FieldProblems.covers("ids", "ids[0]")).isTrue();
        assertThat(FieldProblems.covers("title", "title<K>[x]")).isTrue();
        assertThat(FieldProblems.none().any()).isFalse();
    }
}
