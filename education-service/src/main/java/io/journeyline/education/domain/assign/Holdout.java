package io.journeyline.education.domain.assign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who is held out of education, so its effect can be measured (DOMAIN.md): deterministically per (customer, rule) —
 * the same customer asked about by the same rule is always in the same arm, however often the request comes — and
 * independently across rules. The arm comes from SHA-256 of {@code customer|rule}, read as a number in [0, 1). Pure.
 */
public final class Holdout {
    private Holdout() {
    }

    /** Whether the customer is held out of education for this rule, at {@code share} (0.10 = 10 %). */
    public static boolean heldOut(String customerId, String ruleId, double share) {
        return position(customerId, ruleId) < share;
    }

    /** The customer's place in [0, 1) for the rule. */
    static double position(String customerId, String ruleId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((customerId + "|" + ruleId).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11;       // 53 random bits
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
