package io.journeyline.contract.event;

/**
 * {@code io.journeyline.education.assigned}: education assigned (content or path); {@code painPointId},
 * {@code interventionId} and {@code topic} when it answers journey-service's education request.
 */
public record EducationAssigned(
        String customerId,
        String assignmentId,
        String contentId,
        String pathId,
        String reason,
        String painPointId,
        Double score,
        String topic,
        String interventionId) implements JourneyEvent {
}
