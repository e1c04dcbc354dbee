package io.journeyline.feedback.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.Severity;

import java.util.List;

/** Which feedback opens a case by itself. */
@ConfigMapping(prefix = "journeyline.cases")
public interface CasesConfig {
    /** Feedback kinds that open (or join) a case. */
    @WithDefault("complaint")
    List<String> openOnKinds();

    /** Categories that open a case; {@code any} for every category. */
    @WithDefault("any")
    List<String> openOnCategories();

    /** Severities that open a case ({@code none} = feedback sent without one); {@code any} for all. */
    @WithDefault("any")
    List<String> openOnSeverities();

    /**
     * A case's priority from the severity of what opened it (a complaint's, or a case request's that names no
     * priority of its own); {@code none}: sent without a severity.
     */
    @WithDefault("LOW")
    Priority priorityForLow();

    @WithDefault("NORMAL")
    Priority priorityForNormal();

    @WithDefault("HIGH")
    Priority priorityForHigh();

    @WithDefault("CRITICAL")
    Priority priorityForCritical();

    @WithDefault("NORMAL")
    Priority priorityForNone();

    /** The priority for a severity (null: none), by the map above. */
    default Priority priorityFor(Severity severity) {
        if (severity == null) {
            return priorityForNone();
        }
        return switch (severity) {
            case LOW -> priorityForLow();
            case NORMAL -> priorityForNormal();
            case HIGH -> priorityForHigh();
            case CRITICAL -> priorityForCritical();
        };
    }

    /** The root causes a resolution must name (the outer loop aggregates by them). */
    @WithDefault("PRODUCT_DEFECT,PROCESS,POLICY,BILLING_FEES,DELIVERY,SERVICE_ATTITUDE,RESPONSE_DELAY,MISUNDERSTANDING,"
            + "KNOWLEDGE_GAP,OTHER")
    List<String> rootCauses();

    /** A "not solved" follow-up after this many reopenings closes the case NOT_RECOVERED. */
    @WithDefault("2")
    int maxReopenings();

    /** A resolved case whose follow-up has not come within this closes NOT_VERIFIED (counted apart). */
    @WithDefault("P14D")
    java.time.Duration followUpTimeout();

    /** The period {@code GET /api/v1/analytics/cases} covers when the caller names none: this long up to now. */
    @WithDefault("P90D")
    java.time.Duration analyticsWindow();

    /** The lowest follow-up scores that count as recovered, per survey kind. */
    @WithDefault("7")
    double recoveredNps();

    @WithDefault("4")
    double recoveredCsat();

    @WithDefault("5")
    double recoveredCes();
}
