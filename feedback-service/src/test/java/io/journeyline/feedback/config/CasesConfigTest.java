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

    @Test
    void byDefaultAPriorityIsTheSeveritysNameAndNormalWithoutOne() {
        CasesConfig config = config(Map.of());
        for (Severity severity : Severity.values()) {
            assertThat(config.priorityFor(severity)).isEqualTo(Priority.valueOf(severity.name()));
        }
        assertThat(config.priorityFor(null)).isEqualTo(Priority.NORMAL);
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
