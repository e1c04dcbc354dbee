package io.journeyline.journey.domain.analytics;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each rule and version did over a period, from what was recorded: detections, the interventions they asked for
 * (sent, or suppressed by which guard), how they ended (resolved by kind, dismissed by an agent — the false-positive
 * signal — or still open), recurrence (customers it hit more than once) and the median time to resolution. A SHADOW
 * rule's candidates ask for nothing live; {@code wouldAsk} names its action and how many candidates would have asked
 * for it, before the guards (a backtest evaluates those).
 */
public record RuleFigures(OffsetDateTime from, OffsetDateTime to, List<Rule> rules) {

    /**
     * @param detections        pain points detected in the period (n of every share below)
     * @param customers         distinct customers among them (aggregate pain points have none)
     * @param dismissed         share of detections an agent dismissed
     * @param recurrence        share of the customers with more than one detection of this rule and version
     * @param medianTimeToResolution from detection (event time) to resolution, over the resolved ones; null when none
     */
    public record Rule(String ruleId, int version, String status, long detections, long customers, long sent,
                       Map<String, Long> suppressedBy, Map<String, Long> resolvedBy, Figures.Share resolved,
                       Figures.Share dismissed, long open, Figures.Share recurrence, Duration medianTimeToResolution,
                       WouldAsk wouldAsk) {
    }

    /** What a SHADOW rule's candidates would have asked for, before the guards. */
    public record WouldAsk(String type, long n) {
    }

    /** One rule version's counts as the database groups them. */
    public record Row(String ruleId, int version, boolean shadow, long detections, long customers, long resolved,
                      long dismissed, long open, long recurringCustomers, Double medianSeconds) {
    }

    /**
     * A count of one rule version, as SHADOW or ACTIVE, by a label (an intervention's status and guard, a resolution
     * kind).
     */
    public record Count(String ruleId, int version, boolean shadow, String label, long n) {

        boolean of(Row row) {
            return ruleId.equals(row.ruleId()) && version == row.version() && shadow == row.shadow();
        }
    }

    /**
     * The report from the grouped rows; {@code actions} is the action type of each rule version of the active set
     * ({@code id@version}), for what a SHADOW rule would ask (unknown for a version no longer active).
     */
    public static RuleFigures of(OffsetDateTime from, OffsetDateTime to, List<Row> rows, List<Count> interventions,
                                 List<Count> resolutions, Map<String, String> actions) {
        List<Rule> rules = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Long> suppressed = new TreeMap<>();
            long sent = 0;
            for (Count count : interventions) {
                if (count.of(row)) {
                    if ("SENT".equals(count.label())) {
                        sent += count.n();
                    } else {
                        suppressed.merge(count.label(), count.n(), Long::sum);
                    }
                }
            }
            Map<String, Long> resolvedBy = new LinkedHashMap<>();
            resolutions.stream().filter(count -> count.of(row))
                    .forEach(count -> resolvedBy.put(count.label(), count.n()));
            String action = actions.get(row.ruleId() + "@" + row.version());
            rules.add(new Rule(row.ruleId(), row.version(), row.shadow() ? "SHADOW" : "ACTIVE", row.detections(),
                    row.customers(), sent, suppressed, resolvedBy, Figures.Share.of(row.resolved(), row.detections()),
                    Figures.Share.of(row.dismissed(), row.detections()), row.open(),
                    Figures.Share.of(row.recurringCustomers(), row.customers()),
                    row.medianSeconds() == null ? null : Duration.ofMillis(Math.round(row.medianSeconds() * 1000)),
                    row.shadow() && action != null && !"NONE".equals(action) ? new WouldAsk(action, row.detections()) : null));
        }
        return new RuleFigures(from, to, rules);
    }
}
