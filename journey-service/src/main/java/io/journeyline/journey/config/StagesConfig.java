package io.journeyline.journey.config;

import io.journeyline.journey.domain.stages.StageModel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The journey stage model: the shipped {@code stages/stage-model.yaml}, or the file {@code model} names. */
@ConfigMapping(prefix = "journeyline.stages")
public interface StagesConfig {
    /** A stage-model file to use instead of the shipped one (same format). */
    Optional<Path> model();

    /**
     * How many of a customer's latest stage changes the journey view shows ({@code stageHistory}); older ones are on
     * the timeline ({@code type=io.journeyline.journey.stage-changed}) and {@code stageHistoryComplete} says whether any
     * were left out.
     */
    @WithDefault("50")
    int historyShown();

    /** Makes the configured model a bean; an invalid model stops the start with every problem named. */
    @ApplicationScoped
    class Producer {
        @Produces
        @ApplicationScoped
        StageModel stageModel(StagesConfig config, RulesConfig rules) {
            int maxIterations = rules.conditionMaxIterations();
            try {
                if (config.model().isPresent()) {
                    return StageModel.parse(Files.readString(config.model().get(), StandardCharsets.UTF_8), maxIterations);
                }
                try (InputStream in = StageModel.class.getClassLoader().getResourceAsStream("stages/stage-model.yaml")) {
                    return StageModel.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), maxIterations);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the stage model", e);
            }
        }
    }
}
