package io.journeyline.journey.domain.analytics;

import io.journeyline.contract.vocabulary.Stage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The journey funnel of a cohort — the customers first seen in a period: how many reached each stage of the main path
 * (that stage or a later one: a customer whose first event is a purchase has passed awareness), the conversion from
 * the stage before with its 95 % interval and the drop-off, and how many ever entered the side states. Pure.
 */
public record Funnel(OffsetDateTime cohortFrom, OffsetDateTime cohortTo, long cohort, List<Step> steps,
                     List<Side> sideStates) {

    /** The main path, in order. */
    public static final List<Stage> MAIN_PATH = List.of(Stage.AWARENESS, Stage.CONSIDERATION, Stage.PURCHASE,
            Stage.ONBOARDING, Stage.USAGE, Stage.LOYAL);
    /** States beside the main path. */
    public static final List<Stage> SIDE_STATES = List.of(Stage.SERVICE, Stage.AT_RISK, Stage.CHURNED);

    /** One stage: reached (of the cohort), conversion from the stage before (null for the first), drop-off count. */
    public record Step(Stage stage, long reached, Figures.Share ofCohort, Figures.Share conversionFromPrevious,
                       long dropOff) {
    }

    /** A side state: how many of the cohort ever entered it. */
    public record Side(Stage stage, Figures.Share ofCohort) {
    }

    /**
     * @param furthest per customer of the cohort, the furthest main-path stage reached (index into MAIN_PATH) — as
     *                 counts: index → customers
     * @param entered  side state → customers of the cohort who ever entered it
     */
    public static Funnel of(OffsetDateTime from, OffsetDateTime to, long cohort, Map<Integer, Long> furthest,
                            Map<Stage, Long> entered) {
        List<Step> steps = new ArrayList<>();
        long previous = cohort;
        for (int i = 0; i < MAIN_PATH.size(); i++) {
            long reached = 0;
            for (Map.Entry<Integer, Long> e : furthest.entrySet()) {
                if (e.getKey() >= i) {
                    reached += e.getValue();
                }
            }
            steps.add(new Step(MAIN_PATH.get(i), reached, Figures.Share.of(reached, cohort),
                    i == 0 ? null : Figures.Share.of(reached, previous), i == 0 ? cohort - reached : previous - reached));
            previous = reached;
        }
        List<Side> sides = SIDE_STATES.stream()
                .map(stage -> new Side(stage, Figures.Share.of(entered.getOrDefault(stage, 0L), cohort))).toList();
        return new Funnel(from, to, cohort, steps, sides);
    }
}
