package io.journeyline.education.rest;

import io.journeyline.contract.FieldLimits;
import io.journeyline.education.domain.NewAssignment;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Assign one content item or one learning path (exactly one of the two). */
public record AssignmentRequest(
        @Size(max = FieldLimits.ID) String contentId,
        @Size(max = FieldLimits.ID) String pathId,
        @NotBlank @Size(max = FieldLimits.REASON) String reason) {

    /** The validated request as the service's command. */
    NewAssignment toCommand(String customerId) {
        return new NewAssignment(customerId, contentId, pathId, reason);
    }

    @AssertTrue(message = "give exactly one of contentId and pathId")
    public boolean isContentOrPath() {
        return (contentId == null) != (pathId == null);
    }
}
