package io.journeyline.journey.config;

import io.journeyline.journey.domain.HealthScore;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The customer health score's weights and the journey view's windows. */
@ConfigMapping(prefix = "journeyline.health")
public interface HealthConfig {
    /** Contacts by topic are counted over this window (ending now). */
    @WithDefault("P30D")
    Duration contactsWindow();

    @WithDefault("5")
    int openLow();

    @WithDefault("10")
    int openNormal();

    @WithDefault("20")
    int openHigh();

    @WithDefault("30")
    int openCritical();

    @WithDefault("20")
    int npsDetractor();

    @WithDefault("5")
    int npsPassive();

    @WithDefault("15")
    int csatLow();

    @WithDefault("5")
    int csatNeutral();

    @WithDefault("10")
    int cesHigh();

    @WithDefault("15")
    int atRisk();

    @WithDefault("50")
    int churned();

    @WithDefault("5")
    int perRepeatContact();

    @WithDefault("20")
    int repeatContactMax();

    /** Scores from here up are "healthy". */
    @WithDefault("80")
    int healthyFrom();

    /** Scores from here up (below healthy) are "watch"; lower ones "at-risk". */
    @WithDefault("50")
    int watchFrom();

    default HealthScore.Weights weights() {
        return new HealthScore.Weights(Map.of("LOW", openLow(), "NORMAL", openNormal(), "HIGH", openHigh(),
                "CRITICAL", openCritical()), npsDetractor(), npsPassive(), csatLow(), csatNeutral(), cesHigh(), atRisk(),
                churned(), perRepeatContact(), repeatContactMax(), healthyFrom(), watchFrom());
    }
}
