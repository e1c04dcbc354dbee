package io.journeyline.platform.validation;

import io.journeyline.contract.FieldLimits;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The id of something the contract names (a case, pain point, assignment, survey, response, …) as a request gives it,
 * in a path ({@code {caseId}}) or a body: 1 to {@link FieldLimits#ID} characters, the contract's bound on ids. Null is
 * valid; add {@code @NotBlank} where it is required.
 */
@Documented
@Size(min = 1, max = FieldLimits.ID)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ContractId {
    String message() default "must be 1 to " + FieldLimits.ID + " characters (the contract's bound on ids)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
