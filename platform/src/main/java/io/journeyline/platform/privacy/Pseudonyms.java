package io.journeyline.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Names a customer without their id: HMAC-SHA256 of the id with the deployment's secret key
 * ({@code journeyline.privacy.hmac-key}), as 64 lower-case hex digits. Without the key nobody can test a guessed id
 * against it (a bare hash of a phone number or an e-mail address is reversed by trying them all); with it, every
 * service computes the same value, so receipts, tombstones and access-log rows of one customer match.
 */
@ApplicationScoped
public class Pseudonyms {
    /** Shortest key accepted: a SHA-256 HMAC's key should be at least as long as its output (RFC 2104). */
    public static final int MIN_KEY_LENGTH = 32;

    private final ThreadLocal<Mac> macs;

    @Inject
    public Pseudonyms(PrivacyConfig config) {
        this(config.hmacKey().orElse(null));
    }

    /** For plain unit tests and tools. */
    public Pseudonyms(String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("journeyline.privacy.hmac-key must be at least " + MIN_KEY_LENGTH
                    + " characters");
        }
        SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The customer's pseudonym: HMAC-SHA256 of {@code customerId}, hex. */
    public String of(String customerId) {
        return HexFormat.of().formatHex(macs.get().doFinal(customerId.getBytes(StandardCharsets.UTF_8)));
    }
}
