package io.journeyline.feedback.config;

import io.journeyline.platform.validation.OccurredWithin;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What feedback intake accepts (the window is checked by the platform's {@code OccurredWithin} on the request). */
@ConfigMapping(prefix = "journeyline.feedback")
public interface IntakeConfig extends OccurredWithin.Window {
    /**
     * How far back a sender's {@code receivedAt} may lie: feedback taken elsewhere earlier starts its case's clocks
     * then, and older feedback would open cases already far past their SLA.
     */
    @WithDefault("P30D")
    Duration receivedAtMaxAge();

    /** How far a sender's {@code receivedAt} may lie ahead of this service's clock (the sender's clock may run fast). */
    @WithDefault("PT5M")
    Duration receivedAtMaxSkew();

    @Override
    default Duration occurredMaxAge() {
        return receivedAtMaxAge();
    }

    @Override
    default Duration occurredMaxSkew() {
        return receivedAtMaxSkew();
    }
}
