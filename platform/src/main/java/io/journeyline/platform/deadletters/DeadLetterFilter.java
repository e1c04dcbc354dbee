package io.journeyline.platform.deadletters;

import io.journeyline.platform.problem.Problem;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which dead letters a listing or a replay is about; every part optional, all given parts must match.
 *
 * @param reason {@code dlq-reason} ({@code schema-violation}, {@code processing-failed}, …)
 * @param type   the CloudEvents type, when the record's could be read
 * @param topic  the original topic (not its {@code .dlq})
 * @param from   dead-lettered at or after (inclusive)
 * @param to     dead-lettered before (exclusive)
 */
public record DeadLetterFilter(String reason, String type, String topic, OffsetDateTime from, OffsetDateTime to) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** Matches every dead letter. */
    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null);

    /**
     * Reads the filter's texts (each null when absent), adding one error per bad field to {@code errors}; the filter
     * answered is only meaningful when none was added. {@code topics} are the topics whose dead letters there are.
     */
    public static DeadLetterFilter parse(String reason, String type, String topic, String from, String to,
                                         Collection<String> topics, List<Problem.FieldError> errors) {
        if (reason != null && !WORD.matcher(reason).matches()) {
            errors.add(Problem.FieldError.of("reason", "must be a reason such as schema-violation or processing-failed"));
        }
        if (type != null && !WORD.matcher(type).matches()) {
            errors.add(Problem.FieldError.of("type", "must be a CloudEvents type such as io.journeyline.touchpoint.recorded"));
        }
        if (topic != null && !topics.contains(topic)) {
            errors.add(Problem.FieldError.of("topic", "must be one of the topics this service consumes: "
                    + String.join(", ", new TreeSet<>(topics))));
        }
        OffsetDateTime fromTime = time("from", from, errors);
        OffsetDateTime toTime = time("to", to, errors);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            errors.add(Problem.FieldError.of("to", "must be after from"));
        }
        return new DeadLetterFilter(reason, type, topic, fromTime, toTime);
    }

    private static OffsetDateTime time(String field, String text, List<Problem.FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(Problem.FieldError.of(field, "must be an RFC 3339 date-time with offset, e.g. 2026-12-05T10:00:00Z"));
            return null;
        }
    }

    /** Whether any part is given. */
    public boolean isEmpty() {
        return equals(ALL);
    }

    /** Whether {@code deadLetter} is one this filter names. */
    public boolean matches(DeadLetter deadLetter) {
        return (reason == null || reason.equals(deadLetter.reason()))
                && (type == null || type.equals(deadLetter.type()))
                && (topic == null || topic.equals(deadLetter.originalTopic()))
                && (from == null || !deadLetter.deadLetteredAt().isBefore(from))
                && (to == null || deadLetter.deadLetteredAt().isBefore(to));
    }
}
