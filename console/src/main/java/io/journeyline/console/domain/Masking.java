package io.journeyline.console.domain;

import java.util.regex.Pattern;

/**
 * Customer identifiers as the pages show them where the full value is not needed: an e-mail address keeps its first
 * letter and its domain ({@code a•••@example.com}), a phone number its last four digits ({@code •••4567}), any other
 * identifier or customer id its first and last two characters. And what the search box takes as an identifier.
 */
public final class Masking {
    private static final String HIDDEN = "•••";
    private static final Pattern KIND_VALUE = Pattern.compile("^[a-z][a-z0-9_-]{1,31}:.+");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()./-]{5,}$");

    private Masking() {
    }

    /**
     * The identifier ({@code kind:value}) a search means, or null when it means a customer id: {@code email:…} and
     * other {@code kind:value} forms as typed, a bare e-mail address as {@code email:}, a phone number (digits,
     * spaces, dashes, a leading +) as {@code phone:} with only its digits and +.
     */
    public static String identifier(String search) {
        String q = search.trim();
        if (KIND_VALUE.matcher(q).matches()) {
            return q;
        }
        if (q.indexOf('@') > 0 && q.indexOf('@') < q.length() - 1) {
            return "email:" + q.toLowerCase(java.util.Locale.ROOT);
        }
        if (PHONE.matcher(q).matches()) {
            return "phone:" + q.replaceAll("[^0-9+]", "");
        }
        return null;
    }

    /** A customer id or an identifier's value, masked. */
    public static String mask(String value) {
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && KIND_VALUE.matcher(value).matches()) {
            return value.substring(0, colon + 1) + mask(value.substring(colon + 1));
        }
        int at = value.indexOf('@');
        if (at > 0) {
            return value.charAt(0) + HIDDEN + value.substring(at);
        }
        if (PHONE.matcher(value).matches()) {
            String digits = value.replaceAll("[^0-9]", "");
            return HIDDEN + digits.substring(Math.max(0, digits.length() - 4));
        }
        if (value.length() <= 6) {
            return value.charAt(0) + HIDDEN;
        }
        return value.substring(0, 2) + HIDDEN + value.substring(value.length() - 2);
    }
}
