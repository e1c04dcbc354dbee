package io.journeyline.journey.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.journeyline.contract.EventJson;
import io.journeyline.journey.config.BacktestConfig;
import io.journeyline.journey.config.InterventionsConfig;
import io.journeyline.journey.config.RulesConfig;
import io.journeyline.journey.domain.backtest.Backtest;
import io.journeyline.journey.domain.backtest.BacktestResult;
import io.journeyline.journey.domain.rules.CompiledRuleSet;
import io.journeyline.journey.domain.rules.RulePatterns;
import io.journeyline.journey.domain.rules.RuleSetValidator;
import io.journeyline.journey.persistence.BacktestRepository;
import io.journeyline.journey.persistence.BacktestRepository.Job;
import io.journeyline.platform.problem.Problem;
import io.journeyline.platform.problem.ProblemException;
import io.journeyline.platform.timers.Ticker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Backtests: what a rule set would have done over the stored timelines ({@link Backtest}), run in the background and
 * reported through {@code rule_backtests}. The replay reads the timelines a page at a time in event-time order — its
 * only database work apart from its own row — and evaluates on a worker thread, never on the event loop the consumers
 * and requests share. It writes nothing a customer or another service sees: no pain point, intervention, timer, rule
 * state or outbox row. It stops at the next page when cancelled; a replica runs {@code journeyline.backtests.concurrent}
 * at once.
 */
@ApplicationScoped
public class BacktestService {
    private static final Logger LOG = Logger.getLogger(BacktestService.class);
    private static final ObjectMapper YAML = new YAMLMapper();

    private final BacktestRepository backtests;
    private final ActiveRuleSet active;
    private final BacktestConfig config;
    private final RulesConfig rules;
    private final InterventionsConfig interventions;
    private final Clock clock;
    private final Vertx vertx;
    /** The backtests running on this replica, by id: a set, so that ending one twice cannot free a second place. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public BacktestService(BacktestRepository backtests, ActiveRuleSet active, BacktestConfig config, RulesConfig rules,
                           InterventionsConfig interventions, Clock clock, Vertx vertx) {
        this.backtests = backtests;
        this.active = active;
        this.config = config;
        this.rules = rules;
        this.interventions = interventions;
        this.clock = clock;
        this.vertx = vertx;
    }

    /**
     * What to backtest: a whole rule-set {@code document} (YAML or JSON), or one {@code rule} (JSON) replacing the
     * active set's rule of its id (or joining it), or neither — the active set as it is; over {@code [from, to)}
     * (default: the last {@code journeyline.backtests.default-period}); for the {@code customers} named, or everyone.
     */
    public record Request(String document, JsonNode rule, OffsetDateTime from, OffsetDateTime to,
                          List<String> customers) {
    }

    /**
     * A backtest's status: progress while it runs, its report once done; {@code document}: the rule set it replays,
     * as text (what {@code PUT /api/v1/rules?backtest=} activates after looking at it).
     */
    public record Status(String id, String status, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime from,
                         OffsetDateTime to, List<String> customers, Progress progress, BacktestResult result,
                         String failure, OffsetDateTime finishedAt, String document) {
    }

    /**
     * @param eventsReplayed timeline entries read so far (the warm-up before the period included)
     * @param eventsTotal    timeline entries the replay will read
     * @param eta            when it should end at the rate so far (null until there is a rate, and once it ended)
     */
    public record Progress(long eventsReplayed, long eventsTotal, OffsetDateTime eta) {
    }

    public Uni<Status> start(Request request, String requestedBy) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime to = request.to() != null ? request.to() : now;
        OffsetDateTime from = request.from() != null ? request.from() : to.minus(config.defaultPeriod());
        List<Problem.FieldError> problems = new ArrayList<>();
        if (!from.isBefore(to)) {
            problems.add(Problem.FieldError.of("from", "must be before 'to' (" + to + ")"));
        } else if (Duration.between(from, to).compareTo(config.maxPeriod()) > 0) {
            problems.add(Problem.FieldError.of("to", "the period may cover at most " + config.maxPeriod()
                    + " (journeyline.backtests.max-period)"));
        }
        if (request.document() != null && request.rule() != null) {
            problems.add(Problem.FieldError.of("rule", "give a whole 'document' or one 'rule', not both"));
        }
        if (request.rule() != null && !request.rule().isObject()) {
            problems.add(Problem.FieldError.of("rule", "must be one rule, as an object"));
        }
        List<String> sample = request.customers() == null ? null : List.copyOf(new LinkedHashSet<>(request.customers()));
        if (sample != null && (sample.isEmpty() || sample.size() > config.maxSample())) {
            problems.add(Problem.FieldError.of("customers", "name between 1 and " + config.maxSample()
                    + " customers (journeyline.backtests.max-sample), or leave it out for everyone"));
        }
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("the backtest request is invalid", problems));
        }
        Context requests = Vertx.currentContext();
        return Panache.withSession(() -> active.current().chain(current -> active.currentDocument()
                        .map(text -> new Current(current, text))))
                .chain(current -> Workers.onAWorker(() -> compile(request, current.ruleSet(), current.text()), requests))
                .chain(compiled -> {
                    OffsetDateTime replayFrom = from.minus(warmUp(compiled.ruleSet()));
                    return backtests.countEvents(replayFrom, to).chain(total -> {
                        if (total > config.maxEvents()) {
                            return Uni.createFrom().failure(ProblemException.badRequest("the backtest would replay "
                                    + total + " events, more than " + config.maxEvents()
                                    + " (journeyline.backtests.max-events)", List.of(Problem.FieldError.of("from",
                                    "choose a shorter period, or a sample of customers"))));
                        }
                        Job job = new Job(UUID.randomUUID().toString(), "RUNNING", requestedBy, now, from, to,
                                sample == null ? null : EventJson.write(sample), total, 0, now, null, null, null,
                                compiled.text());
                        synchronized (running) {
                            if (running.size() >= config.concurrent()) {
                                return Uni.createFrom().failure(new ProblemException(Problem.of("too-many-backtests",
                                        "Too Many Requests", 429, config.concurrent() + " backtest(s) already running on"
                                                + " this replica (journeyline.backtests.concurrent): wait for it, or cancel"
                                                + " it", List.of())));
                            }
                            running.add(job.id());
                        }
                        return backtests.insert(job, compiled.text())
                                .onFailure().invoke(() -> running.remove(job.id()))
                                .onCancellation().invoke(() -> running.remove(job.id()))
                                .invoke(() -> run(job, compiled.ruleSet(), replayFrom, sample))
                                .replaceWith(status(job));
                    });
                });
    }

    /** The active rule set and its text. */
    private record Current(CompiledRuleSet ruleSet, String text) {
    }

    /** The rule set to backtest, compiled, with its text as kept with the backtest. */
    private record Compiled(CompiledRuleSet ruleSet, String text) {
    }

    private Compiled compile(Request request, CompiledRuleSet current, String currentText) {
        String text = request.document() != null ? request.document()
                : request.rule() != null ? withRule(currentText, (ObjectNode) request.rule()) : currentText;
        RuleSetValidator.Result validated = RuleSetValidator.validate(text, rules.conditionMaxIterations());
        if (!validated.valid()) {
            String prefix = request.rule() != null ? "rule" : "document";
            throw ProblemException.badRequest("the rule set to backtest is invalid", validated.problems().stream()
                    .map(problem -> Problem.FieldError.of(prefix + "." + problem.field(), problem.message())).toList());
        }
        return new Compiled(CompiledRuleSet.of(current.version(), validated), text);
    }

    /** The active set's text with {@code rule} in place of the rule of its id, or added. */
    private static String withRule(String currentText, ObjectNode rule) {
        try {
            JsonNode document = YAML.readTree(currentText);
            ArrayNode list = (ArrayNode) document.path("rules");
            boolean replaced = false;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).path("id").asText().equals(rule.path("id").asText())) {
                    list.set(i, rule);
                    replaced = true;
                }
            }
            if (!replaced) {
                list.add(rule);
            }
            return EventJson.write(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the active rule set is not readable", e);
        }
    }

    /** How long before the period the replay starts, so that patterns in progress at its start complete in it. */
    private Duration warmUp(CompiledRuleSet ruleSet) {
        Duration longest = ruleSet.evaluatedRules().stream().map(RulePatterns::window)
                .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        Duration stall = ruleSet.evaluatedRules().stream().filter(rule -> rule.stall() != null)
                .flatMap(rule -> rule.stall().stages().values().stream()).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        return (longest.compareTo(stall) > 0 ? longest : stall).plus(rules.allowedLateness());
    }

    /** Runs the backtest in the background, on a context of its own; whatever happens, its place is freed. */
    private void run(Job job, CompiledRuleSet ruleSet, OffsetDateTime replayFrom, List<String> sample) {
        Ticker.onOwnContext(vertx, () -> {
                    Context context = Vertx.currentContext();
                    Backtest backtest = new Backtest(ruleSet, new Backtest.Settings(job.from().toInstant(),
                            job.to().toInstant(), rules.allowedLateness(), InterventionService.guardSettings(interventions),
                            sample == null ? null : Set.copyOf(sample), config.examples(), config.maxPainPoints()));
                    Uni<Void> stalls = ruleSet.evaluatedRules().stream().anyMatch(rule -> rule.stall() != null)
                            ? backtests.stays(replayFrom, job.to()).invoke(backtest::stays).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return stalls.chain(() -> replay(job, backtest, replayFrom, firstCursor(job, replayFrom), context));
                })
                .onFailure().recoverWithUni(failure -> end(job, "FAILED", null, failure))
                .onTermination().invoke(() -> running.remove(job.id()))
                .subscribe().with(ignored -> {
                }, failure -> LOG.errorf("backtest %s: its end was not recorded: %s", job.id(), failure));
    }

    /**
     * Ends a backtest: its place on this replica is freed first, so whoever sees it ended may start the next one.
     */
    private Uni<Void> end(Job job, String status, String result, Throwable failure) {
        running.remove(job.id());
        if (failure != null) {
            LOG.warnf(failure, "backtest %s failed", job.id());
        }
        String why = failure == null ? ("CANCELLED".equals(status) ? "cancelled by request" : null)
                : failure instanceof Backtest.TooBig ? failure.getMessage() : failure.toString();
        return backtests.finish(job.id(), status, result, why, OffsetDateTime.now(clock));
    }

    /**
     * Where the replay is: after {@code (time, seq)}, reading slices of {@code width} of event time (so that each
     * page's query sorts one slice, not the rest of the period), {@code read} entries so far.
     */
    private record Cursor(OffsetDateTime time, long seq, Duration width, long read) {
    }

    /** The first slice's width: a page's worth, were the events spread evenly over the replay. */
    private Cursor firstCursor(Job job, OffsetDateTime replayFrom) {
        long span = Duration.between(replayFrom, job.to()).toMillis();
        long width = job.eventsTotal() == 0 ? span : span * config.pageSize() / job.eventsTotal();
        return new Cursor(replayFrom, Long.MIN_VALUE, Duration.ofMillis(Math.max(1000, width)), 0);
    }

    /** What a page leaves to do. */
    private enum Next { MORE, DONE, CANCELLED }

    /** Page after page (a loop, not a recursion: a long replay does not deepen the stack) until done or cancelled. */
    private Uni<Void> replay(Job job, Backtest backtest, OffsetDateTime replayFrom, Cursor first, Context context) {
        AtomicReference<Cursor> cursor = new AtomicReference<>(first);
        return Multi.createBy().repeating().uni(() -> page(job, backtest, replayFrom, cursor, context))
                .whilst(next -> next == Next.MORE)
                .collect().last()
                .chain(next -> next == Next.CANCELLED ? end(job, "CANCELLED", null, null) : finish(job, backtest, context));
    }

    /** Reads and replays one page, records progress, and moves the cursor on. */
    private Uni<Next> page(Job job, Backtest backtest, OffsetDateTime replayFrom, AtomicReference<Cursor> at,
                           Context context) {
        Cursor cursor = at.get();
        OffsetDateTime sliceEnd = cursor.time().plus(cursor.width()).isBefore(job.to())
                ? cursor.time().plus(cursor.width()) : job.to();
        return backtests.page(cursor.time(), cursor.seq(), sliceEnd, config.pageSize()).chain(page -> {
            Set<String> unknown = backtest.unknownCustomers(page.events());
            Uni<Void> known = unknown.isEmpty() ? Uni.createFrom().voidItem()
                    : backtests.known(unknown, job.from(), job.from().minus(InterventionService.lookBack(interventions)),
                    replayFrom)
                    .invoke(found -> found.forEach(backtest::know)).replaceWithVoid();
            long read = cursor.read() + page.rows();
            return known.chain(() -> Workers.onAWorker(() -> {
                        backtest.replay(page.events());
                        return backtest.evaluated();
                    }, context))
                    .chain(() -> backtests.progress(job.id(), read, OffsetDateTime.now(clock)))
                    .chain(cancelled -> {
                        if (cancelled) {
                            return Uni.createFrom().item(Next.CANCELLED);
                        }
                        boolean full = page.rows() >= config.pageSize();
                        if (!full && !sliceEnd.isBefore(job.to())) {
                            return Uni.createFrom().item(Next.DONE);
                        }
                        at.set(full ? new Cursor(page.lastTime(), page.lastSeq(), narrower(cursor.width()), read)
                                : new Cursor(sliceEnd, Long.MIN_VALUE, page.rows() < config.pageSize() / 4
                                ? cursor.width().multipliedBy(2) : cursor.width(), read));
                        if (config.pauseBetweenPages().isZero()) {
                            return Uni.createFrom().item(Next.MORE);
                        }
                        return Uni.createFrom().item(Next.MORE).onItem().delayIt().by(config.pauseBetweenPages())
                                .emitOn(command -> context.runOnContext(ignored -> command.run()));
                    });
        });
    }

    private static Duration narrower(Duration width) {
        Duration half = width.dividedBy(2);
        return half.toMillis() < 1000 ? Duration.ofSeconds(1) : half;
    }

    /**
     * The report, compared with what was recorded; a customer erased while the backtest ran (no longer in
     * {@code customers}) is not named in it.
     */
    private Uni<Void> finish(Job job, Backtest backtest, Context context) {
        return backtests.recorded(job.from(), job.to())
                .chain(recorded -> Workers.onAWorker(() -> {
                    backtest.finish();
                    return backtest.result(recorded);
                }, context))
                .chain(result -> backtests.existing(result.customers())
                        .map(existing -> {
                            Set<String> erased = new java.util.HashSet<>(result.customers());
                            erased.removeAll(existing);
                            return EventJson.write(result.without(erased));
                        }))
                .chain(result -> end(job, "DONE", result, null));
    }

    public Uni<Status> status(String id) {
        return backtests.find(id).map(found -> status(found.orElseThrow(() -> ProblemException.notFound("backtest", id))));
    }

    /** Asks a running backtest to stop; 404 when there is none of that id. */
    public Uni<Status> cancel(String id) {
        return backtests.requestCancel(id).chain(found -> {
            if (!found) {
                return Uni.createFrom().failure(ProblemException.notFound("backtest", id));
            }
            return status(id);
        });
    }

    private Status status(Job job) {
        String state = job.status();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if ("RUNNING".equals(state) && job.updatedAt().plus(config.stalledAfter()).isBefore(now)) {
            state = "INTERRUPTED";
        }
        OffsetDateTime eta = null;
        if ("RUNNING".equals(state) && job.eventsReplayed() > 0) {
            double seconds = Duration.between(job.requestedAt(), job.updatedAt()).toMillis() / 1000.0;
            double rate = job.eventsReplayed() / Math.max(seconds, 0.001);
            eta = job.updatedAt().plus(Duration.ofMillis((long) (1000 * Math.max(0, job.eventsTotal()
                    - job.eventsReplayed()) / rate)));
        }
        return new Status(job.id(), state, job.requestedBy(), job.requestedAt(), job.from(), job.to(),
                job.sample() == null ? null : List.of(EventJson.read(job.sample(), String[].class)), new Progress(job.eventsReplayed(),
                job.eventsTotal(), eta), job.result() == null ? null : EventJson.read(job.result(), BacktestResult.class),
                job.failure(), job.finishedAt() == null ? null : job.finishedAt().withOffsetSameInstant(ZoneOffset.UTC),
                job.document());
    }
}
