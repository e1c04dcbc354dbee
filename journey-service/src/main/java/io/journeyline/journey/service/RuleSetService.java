package io.journeyline.journey.service;

import io.journeyline.journey.config.RulesConfig;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.RuleProblem;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleSetValidator;
import io.journeyline.journey.domain.rules.RuleTestRunner;
import io.journeyline.journey.persistence.BacktestRepository;
import io.journeyline.journey.persistence.RuleSetRepository;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an admin does with the rule set: read the active one, check a candidate (schema, semantics, CEL, the rules'
 * own tests, and that a changed rule raised its version), and replace the active one with a new version. An invalid
 * set is refused with every problem named and changes nothing.
 * <p>
 * Checking a candidate compiles every condition and runs every rule's tests: work that grows with the document, so
 * it runs on a worker thread, never on the Vert.x event loop that serves every other request and consumer of this
 * replica. Only the database work (the active set before, the new version after) runs on the request's event loop,
 * as the reactive session requires.
 */
@ApplicationScoped
public class RuleSetService {
    private final ActiveRuleSet active;
    private final RuleSetRepository repository;
    private final RulesConfig config;
    private final Clock clock;
    private final BacktestRepository backtests;

    public RuleSetService(ActiveRuleSet active, RuleSetRepository repository, RulesConfig config, Clock clock,
                          BacktestRepository backtests) {
        this.active = active;
        this.backtests = backtests;
        this.repository = repository;
        this.config = config;
        this.clock = clock;
    }

    /** The active rule set: its version, its text and its parsed rules. */
    public record Active(int version, String document, CompiledRuleSet ruleSet, String backtest) {
    }

    @WithSession
    public Uni<Active> current() {
        return active.current().chain(ruleSet -> active.currentDocument().chain(document -> repository
                .backtestOf(ruleSet.version()).map(backtest -> new Active(ruleSet.version(), document, ruleSet,
                        backtest.orElse(null)))));
    }

    /** Every problem of {@code text} as a replacement of the active set; empty when it could be saved. */
    public Uni<List<RuleProblem>> check(String text) {
        return Panache.withSession(active::current)
                .chain(current -> Workers.onAWorker(() -> problems(text, current), Vertx.currentContext()));
    }

    /**
     * Saves {@code text} as the next version; 400 naming every problem, 409 when another save came first (the version
     * is unique, so two saves that checked against the same active set cannot both become the next one).
     * {@code backtest}, when given, must name a backtest: it is kept with the version.
     */
    public Uni<Integer> replace(String text, String savedBy, String backtest) {
        Context requests = Vertx.currentContext();
        return Panache.withSession(active::current).chain(current -> Workers.onAWorker(() -> problems(text, current), requests)
                .chain(problems -> {
                    if (!problems.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.badRequest("the rule set is invalid; the active "
                                + "one (version " + current.version() + ") stays", problems.stream()
                                .map(problem -> Problem.FieldError.of(problem.field(), problem.message())).toList()));
                    }
                    int version = current.version() + 1;
                    return Panache.withTransaction(() -> (backtest == null ? Uni.createFrom().item(true)
                                    : backtests.exists(backtest)).chain(exists -> {
                                if (!exists) {
                                    throw ProblemException.badRequest("no such backtest; the active set stays",
                                            List.of(Problem.FieldError.of("backtest", "'" + backtest + "' is not a backtest")));
                                }
                                return repository.save(version, text, OffsetDateTime.now(clock), savedBy, backtest);
                            }))
                            .map(saved -> {
                                if (!saved) {
                                    throw ProblemException.conflict("another rule set was saved as version " + version
                                            + " meanwhile");
                                }
                                return version;
                            });
                }));
    }


    private List<RuleProblem> problems(String text, CompiledRuleSet current) {
        RuleSetValidator.Result validated = RuleSetValidator.validate(text, config.conditionMaxIterations());
        if (!validated.valid()) {
            return validated.problems();
        }
        List<RuleProblem> problems = new ArrayList<>(versionProblems(validated, current));
        problems.addAll(RuleTestRunner.run(validated, config.allowedLateness()));
        return problems;
    }

    /** A rule whose behaviour changed must raise its version, or detections before and after would look alike. */
    private static List<RuleProblem> versionProblems(RuleSetValidator.Result candidate, CompiledRuleSet current) {
        Map<String, Rule> before = current.document().rules().stream()
                .collect(Collectors.toMap(Rule::id, Function.identity()));
        List<RuleProblem> problems = new ArrayList<>();
        List<Rule> rules = candidate.ruleSet().rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Rule old = before.get(rule.id());
            if (old == null) {
                continue;
            }
            if (rule.version() < old.version()) {
                problems.add(new RuleProblem("rules[" + i + "].version", rule.id() + " is at version " + old.version()
                        + "; a version never goes back"));
            } else if (rule.version() == old.version() && !behaviour(rule).equals(behaviour(old))) {
                problems.add(new RuleProblem("rules[" + i + "].version", rule.id() + " changed but kept version "
                        + old.version() + "; raise it"));
            }
        }
        return problems;
    }

    /** What decides a rule's firings and actions: everything but its description and tests. */
    private static Rule behaviour(Rule rule) {
        return new Rule(rule.id(), rule.version(), rule.status(), null, rule.severity(), rule.params(), rule.on(),
                rule.key(), rule.count(), rule.sequence(), rule.absence(), rule.stall(), rule.aggregate(), rule.cooldown(),
                rule.action(), null);
    }
}
