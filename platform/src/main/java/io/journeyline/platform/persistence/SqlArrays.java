package io.journeyline.platform.persistence;

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

    /** The values as array text: each value's {@code toString()} quoted and escaped, null as NULL. */
    public static String of(Collection<?> values) {
        StringBuilder text = new StringBuilder(values.size() * 16).append('{');
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                text.append(',');
            }
            first = false;
            append(text, value);
        }
        return text.append('}').toString();
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("NULL");
            return;
        }
        String plain = value.toString();
        text.append('"');
        for (int i = 0; i < plain.length(); i++) {
            char ch = plain.charAt(i);
            if (ch == '"' || ch == '\\') {
                text.append('\\');
            }
            text.append(ch);
        }
        text.append('"');
    }

    /** {@code = any(cast(cast(?n as text) as type[]))}: the condition "equals one of the array parameter n". */
    public static String anyOf(int parameter, String type) {
        return "= any(cast(cast(?" + parameter + " as text) as " + type + "[]))";
    }
}
