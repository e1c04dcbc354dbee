package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.*;

/** {@code io.journeyline.journey.stage-changed}; {@code cause} is the id of the event that moved the stage. */
public record StageChanged(
        String customerId,
        Stage from,
        Stage to,
        String cause) implements JourneyEvent {
}
