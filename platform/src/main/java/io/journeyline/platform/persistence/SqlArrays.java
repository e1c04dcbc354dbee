package io.journeyline.platform.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * Many values as one bound parameter: PostgreSQL's array text ({@code {"a","b",NULL}}), bound as text and cast by the
 * statement — {@code where id = any(cast(cast(?1 as text) as text[]))}. A statement's text then does not change with
 * the number of values (an {@code in (?1)} list is expanded to one parameter per value, a new text each time), so the
 * prepared-statement caches serve it. The cast goes through text because the reactive client encodes a parameter as
 * the type the server infers for it: {@code cast(?1 as text[])} would ask for a Java array.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    /**
     * The values as array text: each value's {@code toString()} quoted and escaped, null as NULL; an instant cut to
     * whole microseconds, as the reactive client cuts a bound parameter (PostgreSQL would round the text's nanoseconds:
     * a time written through an array and the same time bound on its own would differ by a microsecond). Sized in one pass
     * before it is written: a batch's event payloads make texts of megabytes, which a growing builder would copy
     * again at every doubling.
     */
    public static String of(Collection<?> values) {
        String[] texts = new String[values.size()];
        int length = 2 + values.size();
        int i = 0;
        for (Object value : values) {
            String text = text(value);
            texts[i++] = text;
            length += text == null ? 4 : text.length() + 2 + escapes(text);
        }
        StringBuilder array = new StringBuilder(length).append('{');
        for (int v = 0; v < texts.length; v++) {
            if (v > 0) {
                array.append(',');
            }
            append(array, texts[v]);
        }
        return array.append('}').toString();
    }

    private static String text(Object value) {
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.MICROS).toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.truncatedTo(ChronoUnit.MICROS).toString();
        }
        return value == null ? null : value.toString();
    }

    /** How many characters of {@code text} need a backslash before them. */
    private static int escapes(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                count++;
            }
        }
        return count;
    }

    private static void append(StringBuilder array, String text) {
        if (text == null) {
            array.append("NULL");
            return;
        }
        array.append('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                array.append(text, from, i).append('\\');
                from = i;
            }
        }
        array.append(text, from, text.length()).append('"');
    }

    /** {@code = any(cast(cast(?n as text) as type[]))}: the condition "equals one of the array parameter n". */
    public static String anyOf(int parameter, String type) {
        return "= any(cast(cast(?" + parameter + " as text) as " + type + "[]))";
    }
}
