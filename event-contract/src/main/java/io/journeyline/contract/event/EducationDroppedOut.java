package io.journeyline.contract.event;

/** {@code io.journeyline.education.*}: education dropped out (content or path). */
public record EducationDroppedOut(
        String customerId,
        String assignmentId,
        String contentId,
        String pathId,
        String reason,
        String painPointId,
        Double score) implements JourneyEvent {
}
