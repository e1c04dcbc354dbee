package io.journeyline.contract.event;

/** {@code io.journeyline.education.held-out}: the customer is in the control group and gets no content. */
public record EducationHeldOut(
        String customerId,
        String assignmentId,
        String reason,
        String painPointId) implements JourneyEvent {
}
