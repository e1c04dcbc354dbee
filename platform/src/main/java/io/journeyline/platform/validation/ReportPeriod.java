package io.journeyline.platform.validation;

import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The period [from, to) an analytics report covers, as every service reads it from {@code from} and {@code to}
 * query parameters: {@code to} defaults to now, {@code from} to the report's window before it; a period that does not
 * run forward is a 400 naming {@code from}, together with any other bad parameter the report found.
 *
 * <pre>{@code
 * ReportPeriod.of(from, to, config.analyticsWindow(), clock, List.of())
 *         .chain(period -> repository.analytics(period.from(), period.to()))
 * }</pre>
 */
public record ReportPeriod(OffsetDateTime from, OffsetDateTime to) {

    /**
     * The period, or a failed Uni with one 400 naming every bad parameter.
     *
     * @param more problems with the report's other parameters, found by the caller
     */
    public static Uni<ReportPeriod> of(OffsetDateTime from, OffsetDateTime to, Duration window, Clock clock,
                                       List<Problem.FieldError> more) {
        OffsetDateTime end = to != null ? to : OffsetDateTime.now(clock);
        OffsetDateTime start = from != null ? from : end.minus(window);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!start.isBefore(end)) {
            errors.add(Problem.FieldError.of("from", "must be before to"));
        }
        errors.addAll(more);
        return errors.isEmpty() ? Uni.createFrom().item(new ReportPeriod(start, end))
                : Uni.createFrom().failure(ProblemException.badRequest("invalid report request", errors));
    }
}
