package io.journeyline.contract.event;

/** {@code io.journeyline.education.*}: education assigned (content or path). */
public record EducationAssigned(
        String customerId,
        String assignmentId,
        String contentId,
        String pathId,
        String reason,
        String painPointId,
        Double score) implements JourneyEvent {
}
