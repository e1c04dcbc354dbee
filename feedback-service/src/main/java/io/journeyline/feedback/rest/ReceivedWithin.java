package io.journeyline.feedback.rest;

import io.journeyline.feedback.config.IntakeConfig;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * A {@code receivedAt} within the accepted window: no older than {@code journeyline.feedback.received-at-max-age},
 * no later than the service's clock plus {@code journeyline.feedback.received-at-max-skew}. Checked with the other
 * constraints, so a bad request names every bad field at once. Null is valid (received now).
 */
@Documented
@Constraint(validatedBy = ReceivedWithin.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReceivedWithin {
    String message() default "must lie within the last {maxAge} and not in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /**
     * Uses the service's injected clock, so tests that move the clock move the window. Bean Validation builds its
     * validators at start-up, before the configuration is there: both are looked up when first used.
     */
    @Singleton
    class Validator implements ConstraintValidator<ReceivedWithin, OffsetDateTime> {
        private final Provider<IntakeConfig> intake;
        private final Provider<Clock> clocks;

        public Validator(Provider<IntakeConfig> intake, Provider<Clock> clocks) {
            this.intake = intake;
            this.clocks = clocks;
        }

        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            IntakeConfig config = intake.get();
            OffsetDateTime now = OffsetDateTime.now(clocks.get());
            boolean valid = !value.isAfter(now.plus(config.receivedAtMaxSkew()))
                    && !value.isBefore(now.minus(config.receivedAtMaxAge()));
            if (!valid) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must lie within the last " + config.receivedAtMaxAge()
                        + " and not more than " + config.receivedAtMaxSkew() + " ahead").addConstraintViolation();
            }
            return valid;
        }
    }
}
