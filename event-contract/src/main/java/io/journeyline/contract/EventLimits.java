package io.journeyline.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What no JSON Schema keyword can say but the contract requires of every event (ARCHITECTURE.md): no string,
 * value or field name, may hold U+0000 or a lone UTF-16 surrogate (PostgreSQL refuses the first, and the second
 * cannot be encoded as UTF-8, so it would be stored altered), and JSON nesting is bounded.
 */
public final class EventLimits {
    /**
     * Deepest nesting of objects and arrays in one CloudEvent, the envelope counting as level 1 (so {@code data}
     * is level 2 and {@code data.attributes} level 3). Generous for any real payload; a bound, so that no
     * reader (Jackson, the schema validator, PostgreSQL's JSON functions) meets unbounded recursion.
     */
    public static final int MAX_DEPTH = 32;

    /** Largest integer every JSON reader holds exactly (2^53−1, RFC 7493 section 2.2). */
    public static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    /**
     * Most violations of these rules named one by one in a document; past it, one more violation says how many more
     * there are. A hostile document (a NUL in every one of 100,000 strings) then costs a bounded answer, not an error
     * body ten times its own size.
     */
    public static final int MAX_REPORTED = 20;

    /** The message of the violation at the first place nesting goes deeper than {@link #MAX_DEPTH}. */
    public static final String TOO_DEEP = "nested deeper than " + MAX_DEPTH + " levels";

    private EventLimits() {
    }

    /**
     * Every string that breaks the contract's text rules and the first place nesting goes too deep, as violations
     * naming the field (dotted path, array items as {@code [i]}); empty when the event is fine. Iterative, so a hostile
     * depth cannot exhaust the stack. What a producer is told is {@link #bounded} from these.
     */
    public static List<Violation> check(JsonNode root) {
        List<Violation> violations = new ArrayList<>();
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(new Node("", root, 1));
        boolean tooDeepReported = false;
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            JsonNode value = node.value;
            if (value.isTextual()) {
                textProblem(value.textValue()).ifPresent(problem -> violations.add(new Violation(field(node.path), problem)));
                continue;
            }
            if (value.isNumber()) {
                numberProblem(value).ifPresent(problem -> violations.add(new Violation(field(node.path), problem)));
                continue;
            }
            if (!value.isContainerNode()) {
                continue;
            }
            if (node.depth > MAX_DEPTH) {
                if (!tooDeepReported) {
                    violations.add(new Violation(field(node.path), TOO_DEEP));
                    tooDeepReported = true;
                }
                continue;
            }
            List<Node> children = new ArrayList<>();
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String path = node.path.isEmpty() ? entry.getKey() : node.path + "." + entry.getKey();
                    textProblem(entry.getKey()).ifPresent(problem ->
                            violations.add(new Violation(field(path), "field name: " + problem)));
                    children.add(new Node(path, entry.getValue(), node.depth + 1));
                }
            } else {
                for (int i = 0; i < value.size(); i++) {
                    children.add(new Node(node.path + "[" + i + "]", value.get(i), node.depth + 1));
                }
            }
            // Pushed in reverse so fields are reported in document order.
            for (int i = children.size() - 1; i >= 0; i--) {
                pending.push(children.get(i));
            }
        }
        return violations;
    }

    /**
     * At most {@link #MAX_REPORTED} of {@code violations} by name (a nesting beyond the bound always among them), then
     * one that counts the rest: what a producer is told, however many fields break the rules.
     */
    public static List<Violation> bounded(List<Violation> violations) {
        if (violations.size() <= MAX_REPORTED) {
            return violations;
        }
        List<Violation> named = new ArrayList<>();
        int more = 0;
        for (Violation violation : violations) {
            if (named.size() < MAX_REPORTED || violation.message().equals(TOO_DEEP)) {
                named.add(violation);
            } else {
                more++;
            }
        }
        named.add(new Violation("(event)", "and " + more + " more fields break the contract"));
        return named;
    }

    /** Why {@code text} may not appear in an event, or empty when it may. */
    public static java.util.Optional<String> textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return java.util.Optional.of("contains U+0000 (NUL) at position " + i + "; text may not contain it");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return java.util.Optional.of("contains a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + ") at position " + i + "; text must be valid Unicode");
            }
            if (Character.isLowSurrogate(c)) {
                return java.util.Optional.of("contains a lone surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + ") at position " + i + "; text must be valid Unicode");
            }
        }
        return java.util.Optional.empty();
    }

    /** Why a number may not appear in an event, or empty when it may. */
    static java.util.Optional<String> numberProblem(JsonNode number) {
        if (number.isIntegralNumber()) {
            boolean safe = number.canConvertToLong() && Math.abs(number.longValue()) <= MAX_SAFE_INTEGER;
            return safe ? java.util.Optional.empty() : java.util.Optional.of("the integer " + number.asText()
                    + " is beyond ±(2^53−1), which not every JSON reader holds exactly (RFC 7493); send it as a string");
        }
        return Double.isFinite(number.doubleValue()) ? java.util.Optional.empty()
                : java.util.Optional.of("the number is beyond the range of a 64-bit float (RFC 7493)");
    }

    private static String field(String path) {
        return path.isEmpty() ? "(event)" : path;
    }

    private record Node(String path, JsonNode value, int depth) {
    }
}
