package io.journeyline.contract.event;

/** {@code io.journeyline.education.*}: education completed (content or path). */
public record EducationCompleted(
        String customerId,
        String assignmentId,
        String contentId,
        String pathId,
        String reason,
        String painPointId,
        Double score,
        String topic) implements JourneyEvent {
}
