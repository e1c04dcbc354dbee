package io.journeyline.feedback.config;

import io.journeyline.contract.vocabulary.Priority;
import io.journeyline.contract.vocabulary.Severity;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The severity → priority map, read the way the service reads it (SmallRye Config, defaults and overrides). */
class CasesConfigTest {

    /*
     * The defaults as documented, written out here rather than derived from the mapping under test: feedback-service's
     * README ("Which feedback opens a case"): priority-for-low LOW, -normal NORMAL, -high HIGH, -critical CRITICAL,
     * -none NORMAL (sent without a severity); open-on-kinds complaint, open-on-categories any, open-on-severities any;
     * recovered-nps 7, -csat 4, -ces 5; max-reopenings 2; analytics-window P90D.
     */
    @Test
    void byDefaultAPriorityIsTheSeveritysNameAndNormalWithoutOne() {
        CasesConfig config = config(Map.of());
        assertThat(config.priorityFor(Severity.LOW)).isEqualTo(Priority.LOW);
        assertThat(config.priorityFor(Severity.NORMAL)).isEqualTo(Priority.NORMAL);
        assertThat(config.priorityFor(Severity.HIGH)).isEqualTo(Priority.HIGH);
        assertThat(config.priorityFor(Severity.CRITICAL)).isEqualTo(Priority.CRITICAL);
        assertThat(config.priorityFor(null)).isEqualTo(Priority.NORMAL);
    }

    @Test
    void byDefaultComplaintsOfAnyCategoryAndSeverityOpenCasesAndTheFollowUpThresholdsAreTheDocumentedOnes() {
        CasesConfig config = config(Map.of());
        assertThat(config.openOnKinds()).containsExactly("complaint");
        assertThat(config.openOnCategories()).containsExactly("any");
        assertThat(config.openOnSeverities()).containsExactly("any");
        assertThat(config.recoveredNps()).isEqualTo(7.0);
        assertThat(config.recoveredCsat()).isEqualTo(4.0);
        assertThat(config.recoveredCes()).isEqualTo(5.0);
        assertThat(config.maxReopenings()).isEqualTo(2);
        assertThat(config.analyticsWindow()).isEqualTo(java.time.Duration.ofDays(90));
    }

    @Test
    void aDeploymentMapsSeveritiesToOtherPriorities() {
        CasesConfig config = config(Map.of("journeyline.cases.priority-for-low", "NORMAL",
                "journeyline.cases.priority-for-none", "HIGH"));
        assertThat(config.priorityFor(Severity.LOW)).isEqualTo(Priority.NORMAL);
        assertThat(config.priorityFor(null)).isEqualTo(Priority.HIGH);
        assertThat(config.priorityFor(Severity.CRITICAL)).isEqualTo(Priority.CRITICAL);
    }

    private static CasesConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CasesConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(CasesConfig.class);
    }
}
