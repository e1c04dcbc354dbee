package io.journeyline.contract.event;

/** {@code io.journeyline.journey.stage-changed}; {@code cause} is the id of the event that moved the stage. */
public record StageChanged(
        String customerId,
        String from,
        String to,
        String cause) implements JourneyEvent {
}
