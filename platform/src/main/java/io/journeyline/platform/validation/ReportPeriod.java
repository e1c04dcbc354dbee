package io.journeyline.platform.validation;

import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The period [from, to) an analytics report covers, as every service reads it from {@code from} and {@code to}
 * query parameters (through {@link Reader}): {@code to} defaults to now, {@code from} to the report's window before
 * it; a period that does not run forward is a 400 naming {@code from}, one longer than
 * {@code journeyline.analytics.max-period} a 400 naming {@code from} and {@code to}, together with any other bad
 * parameter the report found.
 *
 * <pre>{@code
 * periods.of(from, to, config.analyticsWindow(), List.of())
 *         .chain(period -> repository.analytics(period.from(), period.to()))
 * }</pre>
 */
public record ReportPeriod(OffsetDateTime from, OffsetDateTime to) {

    /** Reads report periods with the service's clock and the platform's maximum period. */
    @ApplicationScoped
    public static class Reader {
        private final Clock clock;
        private final ReportConfig config;

        public Reader(Clock clock, ReportConfig config) {
            this.clock = clock;
            this.config = config;
        }

        /**
         * The period, or a failed Uni with one 400 naming every bad parameter.
         *
         * @param window how far before {@code to} the period starts when {@code from} is not given
         * @param more   problems with the report's other parameters, found by the caller
         */
        public Uni<ReportPeriod> of(OffsetDateTime from, OffsetDateTime to, Duration window,
                                   List<Problem.FieldError> more) {
            OffsetDateTime end = to != null ? to : OffsetDateTime.now(clock);
            OffsetDateTime start = from != null ? from : end.minus(window);
            List<Problem.FieldError> errors = new ArrayList<>();
            if (!start.isBefore(end)) {
                errors.add(Problem.FieldError.of("from", "must be before to"));
            } else if (start.plus(config.maxPeriod()).isBefore(end)) {
                String limit = "the period from " + start + " to " + end + " is longer than the "
                        + OccurredWithin.Validator.words(config.maxPeriod()) + " a report may cover";
                errors.add(Problem.FieldError.of("from", limit));
                errors.add(Problem.FieldError.of("to", limit));
            }
            errors.addAll(more);
            return errors.isEmpty() ? Uni.createFrom().item(new ReportPeriod(start, end))
                    : Uni.createFrom().failure(ProblemException.badRequest("invalid report request", errors));
        }
    }
}
