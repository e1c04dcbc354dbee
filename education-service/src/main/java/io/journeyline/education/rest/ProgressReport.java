package io.journeyline.education.rest;

import io.journeyline.contract.FieldLimits;
import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.Progress;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A learning platform's report of a customer's progress.
 *
 * @param status STARTED or COMPLETED
 * @param score   optional quiz or completion score, 0–100
 * @param percent   optional progress through the content, 0–100 (on a learning path the service counts units)
 * @param contentId on a learning path: the unit reported on (its content id); else optional, the assignment's content
 */
public record ProgressReport(
        @NotNull AssignmentStatus status,
        @DecimalMin("0") @DecimalMax("100") BigDecimal score,
        @Min(0) @Max(100) Integer percent,
        @Size(max = FieldLimits.ID) String contentId) {

    /** The validated report as the service's command. */
    Progress toCommand() {
        return new Progress(status, score, percent, contentId);
    }
}
