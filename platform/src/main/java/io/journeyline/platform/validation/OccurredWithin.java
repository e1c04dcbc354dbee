package io.journeyline.platform.validation;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Provider;
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
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When a sender says something happened earlier elsewhere (feedback taken on the phone, an answer given to an IVR):
 * no older than the service's maximum age, no later than its clock plus the allowed skew (the sender's clock may run
 * fast). The limits come from the service's config mapping, which implements {@link Window} and documents their keys
 * and defaults, e.g. {@code @OccurredWithin(IntakeConfig.class) OffsetDateTime receivedAt}. Checked with the other
 * constraints, so a bad request names every bad field at once. Null is valid (it happens now).
 */
@Documented
@Constraint(validatedBy = OccurredWithin.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface OccurredWithin {
    /** The service's config mapping that holds the window. */
    Class<? extends Window> value();

    String message() default "must lie within the accepted window";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The accepted window, as a service's config mapping gives it (default methods over its own keys). */
    interface Window {
        /** The oldest a sender's time may be. */
        Duration occurredMaxAge();

        /** How far ahead of the service's clock a sender's time may lie. */
        Duration occurredMaxSkew();
    }

    /**
     * Uses the service's injected clock, so tests that move the clock move the window. Bean Validation builds its
     * validators at start-up, before the configuration is there: the clock and the window are looked up when used.
     * A dependent bean: one instance per annotated field, each with its own window.
     */
    @Dependent
    class Validator implements ConstraintValidator<OccurredWithin, OffsetDateTime> {
        private final Provider<Clock> clocks;
        private final Instance<Window> windows;
        private Class<? extends Window> windowType;

        public Validator(Provider<Clock> clocks, Instance<Window> windows) {
            this.clocks = clocks;
            this.windows = windows;
        }

        @Override
        public void initialize(OccurredWithin annotation) {
            windowType = annotation.value();
        }

        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Window window = windows.select(windowType).get();
            OffsetDateTime now = OffsetDateTime.now(clocks.get());
            if (!value.isAfter(now.plus(window.occurredMaxSkew())) && !value.isBefore(now.minus(window.occurredMaxAge()))) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must lie within the last " + words(window.occurredMaxAge())
                    + " and not more than " + words(window.occurredMaxSkew()) + " ahead").addConstraintViolation();
            return false;
        }

        /** 90 days, 5 minutes: what a sender reads in the 400 (ISO-8601 otherwise, e.g. PT1M30S). */
        static String words(Duration duration) {
            long seconds = duration.toSeconds();
            if (seconds > 0 && seconds % 86_400 == 0) {
                return count(seconds / 86_400, "day");
            }
            if (seconds > 0 && seconds % 3_600 == 0) {
                return count(seconds / 3_600, "hour");
            }
            if (seconds % 60 == 0 && duration.getNano() == 0) {
                return count(seconds / 60, "minute");
            }
            return duration.toString();
        }

        private static String count(long n, String unit) {
            return n + " " + unit + (n == 1 ? "" : "s");
        }
    }
}
