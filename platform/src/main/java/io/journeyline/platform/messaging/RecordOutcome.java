package io.journeyline.platform.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the intake did with one record: {@value #PROCESSED} (new, handled and committed), {@value #DUPLICATE} (its
 * (source, id) was processed before), {@value #DEAD_LETTERED} (with the reason and detail of its dead letter) or
 * {@value #SKIPPED} (nothing to do: no route handles its type, its customer was erased, it was dead-lettered before,
 * or — for a replay — it cannot or need not be replayed; {@code detail} says which).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordOutcome(String outcome, String reason, String detail) {
    public static final String PROCESSED = "processed";
    public static final String DUPLICATE = "duplicate";
    public static final String DEAD_LETTERED = "dead-lettered";
    public static final String SKIPPED = "skipped";

    static RecordOutcome processed() {
        return new RecordOutcome(PROCESSED, null, null);
    }

    static RecordOutcome duplicate() {
        return new RecordOutcome(DUPLICATE, null, null);
    }

    static RecordOutcome deadLettered(String reason, String detail) {
        return new RecordOutcome(DEAD_LETTERED, reason, detail);
    }

    public static RecordOutcome skipped(String detail) {
        return new RecordOutcome(SKIPPED, null, detail);
    }
}
