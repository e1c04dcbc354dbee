package io.journeyline.contract.event;

/**
 * {@code io.journeyline.education.held-out}: the customer is in the control group for this rule ({@code reason}) and
 * gets no content; the pain point, topic and intervention it would have answered, for the education-effect report.
 */
public record EducationHeldOut(
        String customerId,
        String assignmentId,
        String reason,
        String painPointId,
        String topic,
        String interventionId) implements JourneyEvent {
}
