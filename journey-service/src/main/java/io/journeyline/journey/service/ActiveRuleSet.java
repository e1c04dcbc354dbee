package io.journeyline.journey.service;

import io.journeyline.journey.config.RulesConfig;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.RuleSetValidator;
import io.journeyline.journey.persistence.RuleSetRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set in force. Every evaluation asks the database for the active version (one tiny query per batch), so a
 * rule set saved through any replica takes effect on all of them at their next batch, without a restart; the
 * document is read and compiled only when the version changes. Until an admin saves one, the shipped defaults are
 * version 1.
 */
@ApplicationScoped
public class ActiveRuleSet {
    /** The shipped defaults' version. */
    public static final int DEFAULTS_VERSION = 1;

    private final RuleSetRepository repository;
    private final int maxIterations;
    private final AtomicReference<CompiledRuleSet> cached = new AtomicReference<>();

    public ActiveRuleSet(RuleSetRepository repository, RulesConfig config) {
        this.repository = repository;
        this.maxIterations = config.conditionMaxIterations();
    }

    /** The active rule set, read in the caller's session. */
    public Uni<CompiledRuleSet> current() {
        return repository.activeVersion().chain(version -> {
            CompiledRuleSet known = cached.get();
            int active = Math.max(version, DEFAULTS_VERSION);
            if (known != null && known.version() == active) {
                return Uni.createFrom().item(known);
            }
            if (version == 0) {
                return Uni.createFrom().item(remember(CompiledRuleSet.of(DEFAULTS_VERSION,
                        RuleSetValidator.defaults(maxIterations))));
            }
            return repository.find(version).map(saved -> remember(CompiledRuleSet.of(version,
                    RuleSetValidator.validate(saved.orElseThrow().document(), maxIterations))));
        });
    }

    /** The text of the active rule set as it was saved (the shipped YAML for the defaults). */
    public Uni<String> currentDocument() {
        return repository.activeVersion().chain(version -> version == 0
                ? Uni.createFrom().item(RuleSetValidator.defaultsText())
                : repository.find(version).map(saved -> saved.orElseThrow().document()));
    }

    private CompiledRuleSet remember(CompiledRuleSet ruleSet) {
        cached.set(ruleSet);
        return ruleSet;
    }
}
