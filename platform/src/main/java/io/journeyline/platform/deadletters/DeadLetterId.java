package io.journeyline.platform.deadletters;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dead letter's id: its place in its dead-letter topic, {@code <dlq-topic>:<partition>:<offset>}
 * ({@code journey.touchpoints.dlq:2:417}). Stable for as long as the topic keeps the record.
 */
public record DeadLetterId(String topic, int partition, long offset) {
    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9._-]{1,249}):(\\d{1,9}):(\\d{1,18})");

    /** The id {@code text} names, or empty when it is not one. */
    public static Optional<DeadLetterId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetterId(matcher.group(1), Integer.parseInt(matcher.group(2)),
                Long.parseLong(matcher.group(3))));
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }
}
