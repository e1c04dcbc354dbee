package io.journeyline.feedback.domain.analytics;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The outer loop over the cases opened in a period: where problems come from (root cause × touchpoint × category),
 * whether resolving them won the customer back (recovery per root cause), whether the SLA held, and how long
 * acknowledging and resolving took. Every figure carries its n; a rate or median over nothing is null (the JSON
 * shows it null or leaves it out), never 0.
 */
public record CaseAnalytics(OffsetDateTime from, OffsetDateTime to, long cases, List<Cell> byRootCause,
                            List<Recovery> recoveryByRootCause, Recovery recovery, List<SlaCompliance> sla,
                            Timing timeToAcknowledge, Timing timeToResolve) {

    /**
     * Cases with this root cause (null: not resolved yet), touchpoint and category (null: not known).
     */
    public record Cell(String rootCause, String touchpoint, String category, long n) {
    }

    /**
     * Verified recovery: of the resolved cases whose follow-up said something ({@code n = recovered + notRecovered}),
     * the share RECOVERED. Cases closed NOT_VERIFIED (no follow-up came) are counted apart and are not in n;
     * {@code awaiting} are resolved cases still waiting for their follow-up or reopened.
     */
    public record Recovery(String rootCause, long n, long recovered, long notRecovered, Double recoveryRate,
                           long notVerified, long awaiting) {

        public static Recovery of(String rootCause, long recovered, long notRecovered, long notVerified, long awaiting) {
            long n = recovered + notRecovered;
            return new Recovery(rootCause, n, recovered, notRecovered, n == 0 ? null : (double) recovered / n,
                    notVerified, awaiting);
        }
    }

    /**
     * One SLA clock: of the clocks decided ({@code n = met + breached}), the share met. Clocks still running within
     * their target are counted apart.
     */
    public record SlaCompliance(String clock, long n, long met, long breached, Double compliance, long running) {

        public static SlaCompliance of(String clock, long met, long breached, long running) {
            long n = met + breached;
            return new SlaCompliance(clock, n, met, breached, n == 0 ? null : (double) met / n, running);
        }
    }

    /**
     * The median wall-clock time from opening, over the n cases that got there: in seconds and as ISO-8601
     * ({@code PT3H12M}); both null when n is 0.
     */
    public record Timing(long n, Double medianSeconds, String median) {

        public static Timing of(long n, Double medianSeconds) {
            if (n == 0 || medianSeconds == null) {
                return new Timing(n, null, null);
            }
            return new Timing(n, medianSeconds, Duration.ofSeconds(Math.round(medianSeconds)).toString());
        }
    }
}
