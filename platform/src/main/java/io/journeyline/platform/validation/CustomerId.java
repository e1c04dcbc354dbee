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
 * A customer's id as a request names it (a path's {@code {customerId}}, a body's {@code customerId}): 1 to
 * {@link FieldLimits#CUSTOMER_ID} characters, the contract's bound, so an id that could never be in an event is a 400
 * naming the field instead of an event every consumer refuses. Null is valid; add {@code @NotBlank} where it is
 * required.
 */
@Documented
@Size(min = 1, max = FieldLimits.CUSTOMER_ID)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CustomerId {
    String message() default "must be 1 to " + FieldLimits.CUSTOMER_ID + " characters (the contract's bound on a customer id)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
