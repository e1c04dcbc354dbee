package io.journeyline.platform.deadletters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of dead letters starts: a partition of a dead-letter topic and the offset to read next
 * (partitions are read in order of topic, then partition). Handed out opaque (base64url), so clients do not build
 * one; the filters are sent again with each page, not kept in it.
 */
public record DeadLetterCursor(String topic, int partition, long offset) {
    private static final String VERSION = "v1";

    /** The text a client sends back as {@code cursor}. */
    public String encode() {
        String plain = VERSION + "\n" + topic + "\n" + partition + "\n" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@code text} encodes, or empty when it is not one this API handed out. */
    public static Optional<DeadLetterCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION) || parts[1].isEmpty()) {
                return Optional.empty();
            }
            int partition = Integer.parseInt(parts[2]);
            long offset = Long.parseLong(parts[3]);
            return partition < 0 || offset < 0 ? Optional.empty()
                    : Optional.of(new DeadLetterCursor(parts[1], partition, offset));
        } catch (IllegalArgumentException e) { // not base64, or not numbers
            return Optional.empty();
        }
    }
}
