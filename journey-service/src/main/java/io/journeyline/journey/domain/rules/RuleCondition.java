package io.journeyline.journey.domain.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A rule's condition in Google's Common Expression Language: sandboxed (only the declared variables, no I/O, no
 * reflection), type-checked when the rule set is saved, compiled once and thread-safe. Variables: {@code data} (the
 * event's data), {@code event} ({@code id}, {@code source}, {@code type}, {@code time} as a timestamp) and
 * {@code params} (the rule's params). JSON has one number type, so ints and doubles compare with each other.
 * <p>
 * CEL has no loops, but its comprehensions ({@code all}, {@code exists}, {@code exists_one}, {@code map},
 * {@code filter}) iterate over lists the event brings, and nested ones multiply: {@code data.attributes.n.all(a,
 * data.attributes.n.all(b, ...))} over an array of thousands is millions of steps for one event. So one evaluation may
 * take at most {@code maxIterations} comprehension iterations in total (CEL's {@code comprehensionMaxIterations},
 * counted across every comprehension of the evaluation, nested ones included); an evaluation that reaches it stops and
 * does not match ({@link Outcome#LIMIT_REACHED}).
 */
public final class RuleCondition {
    /** The default of {@code journeyline.rules.condition-max-iterations}. */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
    private static final MapType MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("data", MAP)
            .addVar("event", MAP)
            .addVar("params", MAP)
            .setResultType(SimpleType.BOOL)
            .build();
    /** One runtime per iteration limit (in practice one: the configured). */
    private static final Map<Integer, CelRuntime> RUNTIMES = new ConcurrentHashMap<>();

    /** What one evaluation came to. */
    public enum Outcome {
        /** The condition holds. */
        MATCHED,
        /** It does not hold, or cannot be evaluated on this event (a missing field, a type that does not fit). */
        NOT_MATCHED,
        /** It stopped at the iteration limit: treated as not matched, and worth telling an operator. */
        LIMIT_REACHED
    }

    private final CelRuntime.Program program;
    private final int maxIterations;

    private RuleCondition(CelRuntime.Program program, int maxIterations) {
        this.program = program;
        this.maxIterations = maxIterations;
    }

    /** The compiled condition, or the problems that stop it compiling (each with line and column). */
    public record Compiled(RuleCondition condition, List<String> problems) {
    }

    /** {@link #compile(String, int)} with {@link #DEFAULT_MAX_ITERATIONS}. */
    public static Compiled compile(String expression) {
        return compile(expression, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * The condition compiled to evaluate with at most {@code maxIterations} comprehension iterations per evaluation
     * (at least 1), or the problems that stop it compiling.
     */
    public static Compiled compile(String expression, int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("the iteration limit must be at least 1, not " + maxIterations);
        }
        CelValidationResult result = COMPILER.compile(expression);
        if (result.hasError()) {
            return new Compiled(null, result.getErrors().stream().map(RuleCondition::describe).toList());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelRuntime runtime = RUNTIMES.computeIfAbsent(maxIterations, limit -> CelRuntimeFactory
                    .standardCelRuntimeBuilder().setOptions(OPTIONS.toBuilder().comprehensionMaxIterations(limit).build())
                    .build());
            return new Compiled(new RuleCondition(runtime.createProgram(ast), maxIterations), List.of());
        } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(null, List.of(e.getMessage()));
        }
    }

    /** The most comprehension iterations one evaluation may take. */
    public int maxIterations() {
        return maxIterations;
    }

    /**
     * Whether the condition holds for {@code event}. A condition that cannot be evaluated on this event (a field
     * it reads is missing, a type does not fit) or that reached the iteration limit does not hold: the rule simply
     * does not match.
     */
    public boolean test(IncomingEvent event, Map<String, Object> params) {
        return evaluate(event, params) == Outcome.MATCHED;
    }

    /** What the condition comes to for {@code event}: matched, not matched, or stopped at the iteration limit. */
    public Outcome evaluate(IncomingEvent event, Map<String, Object> params) {
        CelValues values = CelValues.of(event);
        Object celParams = values.params(params);
        CelVariableResolver variables = name -> switch (name) {
            case "data" -> Optional.of(values.data);
            case "event" -> Optional.of(values.envelope);
            case "params" -> Optional.of(celParams);
            default -> Optional.empty();
        };
        try {
            return Boolean.TRUE.equals(program.eval(variables)) ? Outcome.MATCHED : Outcome.NOT_MATCHED;
        } catch (CelEvaluationException e) {
            return e.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED ? Outcome.LIMIT_REACHED
                    : Outcome.NOT_MATCHED;
        }
    }

    /**
     * An event's data and envelope as CEL values, kept for the last event evaluated on this thread: the stage model
     * and the rules evaluate several conditions on each event one after another, and converting its data was most of
     * an evaluation's cost (a profile under load: a third of the conditions' CPU). The values are derived from the
     * event alone, which does not change; a rule's params are converted once for each params map in a row.
     */
    private static final class CelValues {
        private static final ThreadLocal<CelValues> LAST = new ThreadLocal<>();

        private final IncomingEvent event;
        private final Object data;
        private final Map<String, Object> envelope;
        private Map<String, Object> params;
        private Map<String, Object> celParams;

        private CelValues(IncomingEvent event) {
            this.event = event;
            this.data = toCel(event.data());
            this.envelope = envelope(event);
        }

        static CelValues of(IncomingEvent event) {
            CelValues last = LAST.get();
            if (last == null || last.event != event) {
                last = new CelValues(event);
                LAST.set(last);
            }
            return last;
        }

        Map<String, Object> params(Map<String, Object> given) {
            if (params != given) {
                celParams = toCel(given);
                params = given;
            }
            return celParams;
        }
    }

    private static Map<String, Object> envelope(IncomingEvent event) {
        return Map.of("id", event.id(), "source", event.source(), "type", event.type().type(),
                "time", event.time().toInstant());
    }

    /** JSON as CEL values: objects → maps, arrays → lists, integers → long, other numbers → double; nulls left out. */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> {
                if (!field.getValue().isNull()) {
                    map.put(field.getKey(), toCel(field.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static Map<String, Object> toCel(Map<String, Object> params) {
        Map<String, Object> map = new LinkedHashMap<>();
        params.forEach((name, value) -> map.put(name, value instanceof Integer i ? Long.valueOf(i)
                : value instanceof Float f ? Double.valueOf(f) : value));
        return map;
    }

    private static String describe(CelIssue issue) {
        return "line " + issue.getSourceLocation().getLine() + ", column " + (issue.getSourceLocation().getColumn() + 1)
                + ": " + issue.getMessage();
    }
}
