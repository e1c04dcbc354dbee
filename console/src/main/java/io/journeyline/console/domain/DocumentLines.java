package io.journeyline.console.domain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each part of a document an admin typed (a rule set in YAML or JSON, a survey definition in JSON) begins, by the
 * paths the services name problems with ({@code rules[3].on.condition}, {@code items[0].text}): its line, and the
 * {@code id} of the list item it is in, so a page can say "line 57, rule PP-LONG-WAIT" beside the service's words.
 * A document that does not parse has no lines (the service's own message then says where it stopped).
 */
public final class DocumentLines {
    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final DocumentLines NONE = new DocumentLines(Map.of(), Map.of());

    private final Map<String, Integer> lines;
    private final Map<String, String> ids;

    private DocumentLines(Map<String, Integer> lines, Map<String, String> ids) {
        this.lines = lines;
        this.ids = ids;
    }

    /** The lines of {@code text}: JSON when it starts as JSON, YAML otherwise; none when it does not parse. */
    public static DocumentLines of(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String start = text.stripLeading();
        JsonFactory factory = start.startsWith("{") || start.startsWith("[") ? JSON : YAML;
        Map<String, Integer> lines = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        try (JsonParser parser = factory.createParser(text)) {
            walk(parser, lines, ids);
        } catch (IOException | RuntimeException e) {
            // what was read before the error still helps
        }
        return lines.isEmpty() ? NONE : new DocumentLines(lines, ids);
    }

    private static void walk(JsonParser parser, Map<String, Integer> lines, Map<String, String> ids) throws IOException {
        Deque<String> containers = new ArrayDeque<>();
        Deque<int[]> nextIndex = new ArrayDeque<>();
        String field = null;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            int line = parser.currentTokenLocation().getLineNr();
            if (token == JsonToken.FIELD_NAME) {
                field = join(containers.peek(), parser.currentName());
                lines.putIfAbsent(field, line);
                continue;
            }
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                containers.pop();
                nextIndex.pop();
                continue;
            }
            String path;
            if (containers.isEmpty()) {
                path = "";
            } else if (nextIndex.peek()[0] >= 0) {
                path = containers.peek() + "[" + nextIndex.peek()[0]++ + "]";
                lines.putIfAbsent(path, line);
            } else {
                path = field;
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                containers.push(path);
                nextIndex.push(new int[]{token == JsonToken.START_ARRAY ? 0 : -1});
            } else if (token.isScalarValue() && (path.equals("id") || path.endsWith(".id"))) {
                ids.put(path.length() == 2 ? "" : path.substring(0, path.length() - 3), parser.getText());
            }
        }
    }

    private static String join(String container, String name) {
        return container == null || container.isEmpty() ? name : container + "." + name;
    }

    /** The line where {@code path} (or the nearest part of the document around it) begins; null when not known. */
    public Integer line(String path) {
        for (String p = path; p != null; p = parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return null;
    }

    /**
     * The {@code id} of the innermost list item {@code path} is in that has one ({@code PP-LONG-WAIT} for
     * {@code rules[12].on.types[0]}); null when there is none.
     */
    public String itemId(String path) {
        for (String p = path; p != null; p = parent(p)) {
            if (p.endsWith("]") && ids.containsKey(p)) {
                return ids.get(p);
            }
        }
        return null;
    }

    /** {@code rules[3].on} → {@code rules[3]} → {@code rules} → null; {@code title<K>[en].<map key>} → … too. */
    static String parent(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('.'), Math.max(path.lastIndexOf('['), path.lastIndexOf('<')));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
