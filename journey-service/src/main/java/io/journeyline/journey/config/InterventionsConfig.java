package io.journeyline.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How interventions are restrained (DOMAIN.md, "Guards on every intervention"). */
@ConfigMapping(prefix = "journeyline.interventions")
public interface InterventionsConfig {
    /** At most one intervention per (customer, rule, topic) within this; a rule's own {@code cooldown} wins. */
    @WithDefault("P7D")
    Duration cooldown();

    /** At most this many interventions per customer within {@code cap-window}, across all rules. */
    @WithDefault("3")
    int cap();

    @WithDefault("P7D")
    Duration capWindow();

    /** No survey request within this of the customer's last one. */
    @WithDefault("P7D")
    Duration surveySpacing();

    /**
     * Purposes that count as consented to while the customer has said nothing about them: service contact (cases),
     * education and surveys; anything else (marketing) needs a grant. A revocation always wins.
     */
    @WithDefault("service,education,survey")
    List<String> consentedByDefault();

    /**
     * A pain point detected on events older than this when it is decided asks for no intervention (stored as
     * suppressed by {@code stale}): loading ten days of history builds timelines, stages and pain points but sends
     * no ten-day-old lessons or surveys.
     */
    @WithDefault("P2D")
    Duration staleAfter();
}
