package io.journeyline.journey.domain.stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.journeyline.contract.EventType;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.journey.domain.rules.CompiledTrigger;
import io.journeyline.journey.domain.rules.RuleCondition;
import io.journeyline.journey.domain.rules.RuleSetDocument.Trigger;
import io.journeyline.platform.cloudevents.IncomingEvent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The journey stage model as configuration ({@code stages/stage-model.yaml}): an initial stage, the lifecycle phase
 * of each stage, and ordered transitions — the first whose trigger matches an event, and that applies in the
 * customer's current stage, gives the next stage. Pure: no Quarkus, no database.
 */
public final class StageModel {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** {@code to} of a transition that returns to the stage before the current one. */
    public static final String PREVIOUS = "PREVIOUS";
    /** {@code to} of a transition that takes the stage a touchpoint states. */
    public static final String STATED = "data.stage";

    /** The model as written. */
    public record Document(Stage initial, Map<String, List<Stage>> phases, List<Transition> transitions) {
    }

    public record Transition(String to, List<Stage> from, List<Stage> notFrom, Trigger on) {
    }

    private record Compiled(Transition transition, CompiledTrigger trigger) {
    }

    private final Stage initial;
    private final Map<Stage, String> phases = new EnumMap<>(Stage.class);
    private final List<Compiled> transitions = new ArrayList<>();

    private StageModel(Document document, int maxIterations) {
        this.initial = document.initial();
        document.phases().forEach((phase, stages) -> stages.forEach(stage -> phases.put(stage, phase)));
        List<String> problems = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (!phases.containsKey(stage)) {
                problems.add("phases: " + stage + " belongs to no phase");
            }
        }
        for (int i = 0; i < document.transitions().size(); i++) {
            Transition transition = document.transitions().get(i);
            String at = "transitions[" + i + "]";
            if (!PREVIOUS.equals(transition.to()) && !STATED.equals(transition.to()) && stage(transition.to()).isEmpty()) {
                problems.add(at + ".to: '" + transition.to() + "' is not a stage, " + PREVIOUS + " or " + STATED);
            }
            transition.on().types().stream().filter(type -> EventType.fromType(type).isEmpty())
                    .forEach(type -> problems.add(at + ".on.types: '" + type + "' is not an event type of the contract"));
            RuleCondition condition = null;
            if (transition.on().condition() != null) {
                RuleCondition.Compiled compiled = RuleCondition.compile(transition.on().condition(), maxIterations);
                compiled.problems().forEach(problem -> problems.add(at + ".on.condition: " + problem));
                condition = compiled.condition();
            }
            transitions.add(new Compiled(transition, new CompiledTrigger(transition.on(), condition)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid stage model: " + String.join("; ", problems));
        }
    }

    /** Reads and checks a model; every problem is named in the exception. */
    public static StageModel parse(String yaml) {
        return parse(yaml, RuleCondition.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Reads and checks a model whose conditions take at most {@code maxIterations} comprehension iterations per
     * evaluation (one that reaches it does not match: no transition); every problem is named in the exception.
     */
    public static StageModel parse(String yaml, int maxIterations) {
        try {
            return new StageModel(YAML.readValue(yaml, Document.class), maxIterations);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid stage model: " + e.getOriginalMessage(), e);
        }
    }

    /** The stage of a customer before any event moved it. */
    public Stage initial() {
        return initial;
    }

    /** pre-sale, in-sale or after-sale (the model's names). */
    public String phase(Stage stage) {
        return phases.get(stage);
    }

    /**
     * The stage this event moves the customer to, if any.
     *
     * @param current  the customer's stage
     * @param previous the stage before it (for PREVIOUS), or null
     */
    public Optional<Stage> next(Stage current, Stage previous, IncomingEvent event) {
        for (Compiled compiled : transitions) {
            Transition transition = compiled.transition();
            if (transition.from() != null && !transition.from().contains(current)
                    || transition.notFrom() != null && transition.notFrom().contains(current)
                    || !compiled.trigger().matches(event, Map.of())) {
                continue;
            }
            Optional<Stage> to = switch (transition.to()) {
                case PREVIOUS -> Optional.ofNullable(previous);
                case STATED -> stage(event.dataText("stage"));
                default -> stage(transition.to());
            };
            return to.filter(stage -> stage != current);
        }
        return Optional.empty();
    }

    private static Optional<Stage> stage(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Stage.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
