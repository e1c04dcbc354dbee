package io.journeyline.console.domain;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's problems placed at the inputs of the form that sent the request, so each shows beside its own input:
 * the service names fields by its request's paths ({@code title[EN].<map value>}, {@code document.rules[3].when},
 * {@code ids[2]}); a form names inputs. An input is either plain (its problems are those at its name or under it) or a
 * document (a textarea holding YAML or JSON: its problems are the paths inside it, each with its line and the id of
 * the list item it is in). Problems no input takes stay {@link #elsewhere}, for the page's problem box.
 */
@TemplateData
public final class FieldProblems {
    /** One problem as a service names it. */
    @TemplateData
    public record Issue(String field, String message) {
    }

    /**
     * A problem at an input: {@code path} is where under it ("" for the input itself; inside a document, the
     * document's own path), {@code line} and {@code item} where in a document (null when not known).
     */
    @TemplateData
    public record Placed(String path, String message, Integer line, String item) {
    }

    /** How a form's inputs take the service's fields. */
    public static final class Form {
        private final List<Target> targets = new ArrayList<>();

        private record Target(String prefix, String input, boolean strip, DocumentLines lines) {
        }

        /** A plain input: the problems at {@code name}, or under it ({@code name.x}, {@code name[0]}, {@code name<K>…}). */
        public Form input(String name) {
            return input(name, name);
        }

        /** An input that takes the service's field {@code field} (and what is under it) under another name. */
        public Form input(String field, String input) {
            targets.add(new Target(field, input, false, null));
            return this;
        }

        /**
         * A document input: the fields under {@code prefix} ({@code document.rules[0].id}, shown as
         * {@code rules[0].id}), and every field starting with one of {@code roots} (the document's own top-level names,
         * shown as they are); each with its line in {@code text}.
         */
        public Form document(String input, String text, String prefix, String... roots) {
            DocumentLines lines = DocumentLines.of(text);
            if (prefix != null) {
                targets.add(new Target(prefix, input, true, lines));
            }
            for (String root : roots) {
                targets.add(new Target(root, input, false, lines));
            }
            return this;
        }

        /** {@code issues} placed at this form's inputs. */
        public FieldProblems place(List<Issue> issues) {
            Map<String, List<Placed>> at = new LinkedHashMap<>();
            List<Issue> elsewhere = new ArrayList<>();
            for (Issue issue : issues) {
                String field = issue.field() == null ? "" : issue.field();
                Target best = null;
                for (Target target : targets) {
                    if (covers(target.prefix(), field) && (best == null || weight(target.prefix()) > weight(best.prefix()))) {
                        best = target;
                    }
                }
                if (best == null) {
                    elsewhere.add(issue);
                    continue;
                }
                String path = best.strip() ? under(best.prefix(), field)
                        : best.lines() == null && field.equals(best.prefix()) || field.startsWith("(")
                        || field.isEmpty() ? "" : field;
                Integer line = best.lines() == null || path.isEmpty() ? null : best.lines().line(path);
                String item = best.lines() == null || path.isEmpty() ? null : best.lines().itemId(path);
                at.computeIfAbsent(best.input(), k -> new ArrayList<>()).add(new Placed(path, issue.message(), line, item));
            }
            // a document's problems in the order of its lines (the whole document's first)
            at.replaceAll((input, placed) -> placed.stream().anyMatch(p -> p.line() != null)
                    ? placed.stream().sorted(java.util.Comparator.comparing(Placed::line,
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))).toList() : placed);
            return new FieldProblems(at, elsewhere);
        }
    }

    /** A document root that takes every field no other input takes. */
    public static final String EVERYTHING = "*";

    private final Map<String, List<Placed>> at;
    private final List<Issue> elsewhere;

    private FieldProblems(Map<String, List<Placed>> at, List<Issue> elsewhere) {
        this.at = at;
        this.elsewhere = List.copyOf(elsewhere);
    }

    public static Form form() {
        return new Form();
    }

    /** No problem anywhere. */
    public static FieldProblems none() {
        return new FieldProblems(Map.of(), List.of());
    }

    /** Whether {@code field} is {@code prefix} or a part of it: {@code prefix.x}, {@code prefix[0]}, {@code prefix<K>}. */
    static boolean covers(String prefix, String field) {
        if (prefix.equals(EVERYTHING)) {
            return true;
        }
        if (!field.startsWith(prefix)) {
            return false;
        }
        if (field.length() == prefix.length()) {
            return true;
        }
        char next = field.charAt(prefix.length());
        return next == '.' || next == '[' || next == '<';
    }

    private static int weight(String prefix) {
        return prefix.equals(EVERYTHING) ? -1 : prefix.length();
    }

    private static String under(String prefix, String field) {
        String rest = field.substring(prefix.length());
        return rest.startsWith(".") ? rest.substring(1) : rest;
    }

    /** The problems at {@code input} (empty when none). */
    public List<Placed> at(String input) {
        return at.getOrDefault(input, List.of());
    }

    public boolean has(String input) {
        return at.containsKey(input);
    }

    /** The problems no input took. */
    public List<Issue> elsewhere() {
        return elsewhere;
    }

    /** Whether there is any problem. */
    public boolean any() {
        return !at.isEmpty() || !elsewhere.isEmpty();
    }

    /** How many problems in all. */
    public int count() {
        return elsewhere.size() + at.values().stream().mapToInt(List::size).sum();
    }
}
