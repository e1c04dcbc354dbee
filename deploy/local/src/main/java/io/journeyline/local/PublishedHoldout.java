package io.journeyline.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who education-service holds out, worked out from its published rule (education-service/README.md: SHA-256 of
 * {@code customer|rule}, the first 53 bits as a number in [0, 1), below the share) — not from its code, so the demo
 * population and the story tests that rely on it check the service rather than repeat it.
 */
final class PublishedHoldout {
    /** education-service's default share. */
    static final double SHARE = 0.10;

    private PublishedHoldout() {
    }

    static boolean heldOut(String customer, String rule) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((customer + "|" + rule).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11) / (double) (1L << 53) < SHARE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
