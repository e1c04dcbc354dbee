package io.journeyline.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the documentation promises a reader, checked against the repository: every relative link and anchor resolves,
 * and every command shown ({@code deploy/…} scripts, {@code ./mvnw}) names a script, flag, module, profile, property and
 * test class that exist. Each problem is one line: file, line, what is wrong.
 */
final class Checks {
    /** A script or the Maven wrapper, with its arguments up to the next shell operator. */
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w/.-])(\\./mvnw|deploy/[\\w./-]+)([^;|&)\\n`]*)");
    /** Maven's and its plugins' own properties a command may set. */
    private static final Set<String> MAVEN_PROPERTIES = Set.of("skipTests", "skipITs", "maven.test.skip",
            "maven.repo.local", "surefire.failIfNoSpecifiedTests", "failsafe.failIfNoSpecifiedTests", "test", "it.test");

    /** Folders the build ({@code target}) or the local stack ({@code data}) makes. */
    private static final Set<String> RUN_TIME_FOLDERS = Set.of("target", "data");

    private final Path repository;
    private final Map<Path, Markdown> parsed = new HashMap<>();
    private String sources;
    private String poms;

    Checks(Path repository) {
        this.repository = repository;
    }

    // --- links ---

    List<String> links(Markdown document) {
        List<String> problems = new ArrayList<>();
        for (Markdown.Found link : document.links()) {
            String destination = link.text();
            if (destination.isEmpty() || destination.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                continue; // http:, https:, mailto: — not ours to check offline
            }
            int hash = destination.indexOf('#');
            String path = URLDecoder.decode(hash < 0 ? destination : destination.substring(0, hash), StandardCharsets.UTF_8);
            String anchor = hash < 0 ? null : destination.substring(hash + 1);
            Path target = path.isEmpty() ? document.file() : document.file().getParent().resolve(path).normalize();
            String where = where(document, link.line()) + ": link " + destination;
            if (!Files.exists(target)) {
                problems.add(where + " → no such file");
            } else if (anchor != null && target.toString().endsWith(".md") && !read(target).anchors().contains(anchor)) {
                problems.add(where + " → no heading with that anchor in " + repository.relativize(target));
            }
        }
        return problems;
    }

    // --- commands ---

    /** Commands in fenced code blocks, and code spans that are a command. */
    List<String> commands(Markdown document) {
        List<String> problems = new ArrayList<>();
        for (Markdown.Found block : document.codeBlocks()) {
            String[] lines = block.text().replace("\\\n", " ").split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].replaceAll("(^|\\s)#.*$", "");
                Matcher command = COMMAND.matcher(line);
                while (command.find()) {
                    problems.addAll(command(document, block.line() + i, command.group(1), command.group(2)));
                }
            }
        }
        for (Markdown.Found span : document.inlineCode()) {
            Matcher command = COMMAND.matcher(span.text());
            if (command.lookingAt()) {
                problems.addAll(command(document, span.line(), command.group(1), command.group(2)));
            }
        }
        return problems;
    }

    private List<String> command(Markdown document, int line, String program, String arguments) {
        List<String> problems = new ArrayList<>();
        String where = where(document, line) + ": `" + (program + arguments).strip() + "`";
        List<String> words = Stream.of(arguments.replaceAll("[\\[\\]'\"]", " ").trim().split("\\s+"))
                .filter(word -> !word.isEmpty()).toList();
        if (program.equals("./mvnw")) {
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if ((word.equals("-pl") || word.equals("--projects")) && i + 1 < words.size()) {
                    for (String module : words.get(++i).split(",")) {
                        if (!Files.exists(repository.resolve(module.replaceFirst("^[!:]", "")).resolve("pom.xml"))) {
                            problems.add(where + " → no module " + module);
                        }
                    }
                } else if (word.equals("-P") && i + 1 < words.size() || word.startsWith("-P") && word.length() > 2) {
                    String profile = word.equals("-P") ? words.get(++i) : word.substring(2);
                    if (!poms().contains("<id>" + profile + "</id>")) {
                        problems.add(where + " → no profile " + profile);
                    }
                } else if (word.startsWith("-D")) {
                    problems.addAll(property(where, word.substring(2)));
                }
            }
            return problems;
        }
        Path script = repository.resolve(program);
        if (Stream.iterate(Path.of(program), p -> p != null, Path::getParent)
                .anyMatch(folder -> RUN_TIME_FOLDERS.contains(folder.getFileName().toString()))) {
            return problems; // made by the build or by a run, not in a fresh clone
        }
        if (!Files.exists(script)) {
            problems.add(where + " → no such file " + program);
            return problems;
        }
        if (!program.endsWith(".sh")) {
            return problems;
        }
        String code = read(script, true);
        for (String word : words) {
            if (word.startsWith("--")) {
                String flag = word.split("=", 2)[0];
                if (!code.contains(flag) && !sources().contains("\"" + flag + "\"")) {
                    problems.add(where + " → " + program + " takes no " + flag);
                }
            }
        }
        return problems;
    }

    private List<String> property(String where, String setting) {
        String name = setting.split("=", 2)[0];
        String value = setting.contains("=") ? setting.split("=", 2)[1] : "";
        if (name.equals("test") || name.equals("it.test")) {
            return Stream.of(value.split(",")).map(test -> test.replaceFirst("#.*", ""))
                    .filter(test -> !test.contains("*") && !test.isEmpty())
                    .filter(test -> !sources().contains("class " + test + " ")
                            && !sources().contains("class " + test + "<"))
                    .map(test -> where + " → no test class " + test).toList();
        }
        if (MAVEN_PROPERTIES.contains(name) || name.startsWith("quarkus.") || poms().contains("<" + name + ">")
                || poms().contains("${" + name + "}") || sources().contains("\"" + name + "\"")) {
            return List.of();
        }
        return List.of(where + " → no build or code reads the property " + name);
    }

    // --- reading the repository ---

    Markdown read(Path file) {
        return parsed.computeIfAbsent(file, Markdown::read);
    }

    private String where(Markdown document, int line) {
        return repository.relativize(document.file()) + ":" + line;
    }

    /** The Java sources of the repository, where flags and properties are parsed. */
    private String sources() {
        if (sources == null) {
            sources = concatenated(path -> path.toString().endsWith(".java"));
        }
        return sources;
    }

    private String poms() {
        if (poms == null) {
            poms = concatenated(path -> path.getFileName().toString().equals("pom.xml"));
        }
        return poms;
    }

    private String concatenated(java.util.function.Predicate<Path> which) {
        try (Stream<Path> files = Files.walk(repository)) {
            return files.filter(Files::isRegularFile).filter(which)
                    .filter(path -> !repository.relativize(path).toString().contains("target/"))
                    .map(path -> read(path, false)).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's text; a script's without its comment lines (its usage text is not what parses a flag). */
    private static String read(Path file, boolean withoutComments) {
        try {
            String text = Files.readString(file);
            return withoutComments ? text.lines().filter(line -> !line.stripLeading().startsWith("#"))
                    .collect(Collectors.joining("\n")) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
