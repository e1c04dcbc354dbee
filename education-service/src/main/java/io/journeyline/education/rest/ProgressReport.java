package io.journeyline.education.rest;

import io.journeyline.education.domain.AssignmentStatus;
import io.journeyline.education.domain.Progress;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/**
 * A learning platform's report of a customer's progress.
 *
 * @param status STARTED or COMPLETED
 * @param score  optional completion score, 0–100
 */
public record ProgressReport(
        @NotNull AssignmentStatus status,
        @DecimalMin("0") @DecimalMax("100") BigDecimal score) {

    /** The validated report as the service's command. */
    Progress toCommand() {
        return new Progress(status, score);
    }
}
