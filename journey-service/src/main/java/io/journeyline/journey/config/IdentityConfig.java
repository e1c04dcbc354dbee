package io.journeyline.journey.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity linking. */
@ConfigMapping(prefix = "journeyline.identity")
public interface IdentityConfig {
    /**
     * A link that would give a group of linked customers more identifiers than this is not applied but queued for
     * review (a shared office phone or a reseller's e-mail would otherwise merge strangers).
     */
    @WithDefault("20")
    int maxIdentifiers();
}
