package io.journeyline.contract.event;

/** {@code io.journeyline.education.*}: education started (content or path). */
public record EducationStarted(
        String customerId,
        String assignmentId,
        String contentId,
        String pathId,
        String reason,
        String painPointId,
        Double score) implements JourneyEvent {
}
