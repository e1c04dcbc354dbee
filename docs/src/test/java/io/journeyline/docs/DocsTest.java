package io.journeyline.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation keeps its promises: in every Markdown file of the repository each relative link and anchor
 * resolves (GitHub's anchors), and every command the README and docs/ show — and the services' and deploy folders'
 * READMEs — names a script, flag, module, profile, property and test class that exist. A reader who copies a command
 * from the docs gets the command the code has.
 */
class DocsTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private final Checks checks = new Checks(REPOSITORY);

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<Path> files = Markdown.all(REPOSITORY);
        assertThat(files).as("the repository's Markdown files").contains(REPOSITORY.resolve("README.md"),
                REPOSITORY.resolve("docs/operations.md"), REPOSITORY.resolve("platform/README.md"));
        List<String> problems = files.stream().flatMap(file -> checks.links(checks.read(file)).stream()).toList();
        assertThat(problems).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyCommandShownNamesWhatExists() {
        List<Path> files = Markdown.all(REPOSITORY);
        List<String> problems = files.stream().flatMap(file -> checks.commands(checks.read(file)).stream()).toList();
        assertThat(problems).as("commands the code does not have").isEmpty();
    }

    @Test
    void theReadmeStaysAFrontDoor() throws IOException {
        // what a newcomer reads first: the two commands, a picture drawn from a source in the repository, links on
        assertThat(Files.size(REPOSITORY.resolve("README.md"))).isLessThanOrEqualTo(12 * 1024);
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        assertThat(readme).contains("`deploy/local/run.sh`", "`./mvnw -B verify`", "](docs/pictures/flow.svg)");
        // drawn from its source: every node flow.dot declares is in the committed SVG (docs/render.sh draws it again)
        String svg = Files.readString(REPOSITORY.resolve("docs/pictures/flow.svg"));
        List<String> nodes = Pattern.compile("(?m)^\\s*(\\w+)\\s+\\[label=")
                .matcher(Files.readString(REPOSITORY.resolve("docs/pictures/flow.dot"))).results()
                .map(match -> match.group(1)).toList();
        assertThat(nodes).contains("journey", "survey", "education", "feedback", "console");
        assertThat(nodes).allSatisfy(node -> assertThat(svg).as("flow.svg drawn from flow.dot")
                .contains("<title>" + node + "</title>"));
    }

    /** The checks themselves, on a small repository with one of each mistake. */
    @Test
    void theChecksFindEachKindOfMistake(@TempDir Path repository) throws IOException {
        Files.writeString(repository.resolve("pom.xml"), """
                <project><properties><devservices>false</devservices></properties>
                <profiles><profile><id>fast</id></profile></profiles></project>""");
        Files.createDirectories(repository.resolve("app/src/main/java"));
        Files.writeString(repository.resolve("app/pom.xml"), "<project/>");
        Files.writeString(repository.resolve("app/src/main/java/Main.java"), """
                class Main { void parse(String a) { if (a.equals("--parsed")) {} } }
                class WorkingTest {}""");
        Files.createDirectories(repository.resolve("deploy/local"));
        Files.writeString(repository.resolve("deploy/local/run.sh"), """
                #!/usr/bin/env bash
                # usage: run.sh [--documented-only]
                case "$1" in --real) shift ;; esac
                """);
        Files.createDirectories(repository.resolve("docs"));
        Files.writeString(repository.resolve("docs/guide.md"), """
                # Guide

                ## A section: with punctuation, `code` and Chinese 中文

                See [the section](#a-section-with-punctuation-code-and-chinese-中文) and [nowhere](#no-such-heading),
                [the front door](../README.md#start) and [a file that is not there](missing.md).
                """);
        Files.writeString(repository.resolve("README.md"), """
                # Journeyline
                ## Start

                ```bash
                deploy/local/run.sh --real --parsed --missing   # --commented is not a flag
                ./mvnw -B verify -pl app,nope -P fast -Ddevservices=true -Dtest=WorkingTest,GoneTest -Dno.such.property=1
                LINK=$(deploy/local/outbound.sh ann | tail -1)
                ```

                Or `deploy/local/run.sh --also-missing`, and `java -jar deploy/local/target/local-stack.jar` once built.
                """);

        Checks checks = new Checks(repository);
        List<String> links = Markdown.all(repository).stream().flatMap(f -> checks.links(checks.read(f)).stream()).toList();
        List<String> commands = Markdown.all(repository).stream()
                .flatMap(f -> checks.commands(checks.read(f)).stream()).toList();

        assertThat(links).containsExactlyInAnyOrder(
                "docs/guide.md:5: link #no-such-heading → no heading with that anchor in docs/guide.md",
                "docs/guide.md:6: link missing.md → no such file");
        assertThat(commands).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("README.md:5: ")
                        .endsWith("deploy/local/run.sh takes no --missing"))
                .anySatisfy(p -> assertThat(p).startsWith("README.md:6: ").endsWith("→ no module nope"))
                .anySatisfy(p -> assertThat(p).endsWith("→ no test class GoneTest"))
                .anySatisfy(p -> assertThat(p).endsWith("→ no build or code reads the property no.such.property"))
                .anySatisfy(p -> assertThat(p).startsWith("README.md:7: ").endsWith("→ no such file deploy/local/outbound.sh"))
                .anySatisfy(p -> assertThat(p).startsWith("README.md:10: ").endsWith("takes no --also-missing"));
    }
}
