package io.journeyline.contract.event;

/** {@code io.journeyline.intervention.education-requested}. */
public record EducationRequested(
        String customerId,
        String interventionId,
        String painPointId,
        String topic,
        String reason,
        String level,
        String ruleId) implements JourneyEvent {
}
