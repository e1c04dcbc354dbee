package io.journeyline.feedback.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
}
