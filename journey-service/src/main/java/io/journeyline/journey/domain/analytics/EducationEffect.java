package io.journeyline.journey.domain.analytics;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether education works (DOMAIN.md, "Measuring education's effect"): customers whose pain point led to education
 * (treated) against those education-service held out for the same rule, over the pain points detected in a period —
 * overall and by rule, content or month. Per group: the pain point recurring within the window (rates), and the change
 * in CSAT and NPS from the window before the pain point to the window after (per-customer means, in scale points).
 * Only customers whose window has passed are compared; the others are counted as pending. Pure.
 */
public record EducationEffect(OffsetDateTime from, OffsetDateTime to, String by, String window, int minimumNPerArm,
                              Group total, List<Group> groups) {

    /** Grouping dimensions. */
    public static final List<String> DIMENSIONS = List.of("rule", "content", "period");

    /** One customer in one arm for one rule, as the comparison needs them. */
    public record Member(String ruleId, String content, String period, boolean heldOut, boolean closed,
                         boolean recurred, Double csatBefore, Double csatAfter, Double npsBefore, Double npsAfter) {
    }

    /**
     * One comparison: how many customers in each arm (and still pending), the recurrence rates, and the changes in
     * CSAT (1–5) and NPS answers (0–10).
     */
    public record Group(String key, long treated, long heldOut, long treatedPending, long heldOutPending,
                        ArmComparison.Rates recurrence, ArmComparison.Means csatChange, ArmComparison.Means npsChange) {
    }

    public static EducationEffect of(OffsetDateTime from, OffsetDateTime to, String by, String window, int minimumN,
                                     List<Member> members) {
        Group total = group("all", members, members, minimumN);
        List<Group> groups = new ArrayList<>();
        if ("rule".equals(by) || "period".equals(by)) {
            Function<Member, String> key = "rule".equals(by) ? Member::ruleId : Member::period;
            Map<String, List<Member>> byKey = members.stream()
                    .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
            byKey.forEach((k, those) -> groups.add(group(k, those, those, minimumN)));
        } else if ("content".equals(by)) {
            // treated customers who got this content, against the held-out customers of the rules it answered
            Map<String, List<Member>> byContent = members.stream().filter(m -> !m.heldOut() && m.content() != null)
                    .collect(Collectors.groupingBy(Member::content, LinkedHashMap::new, Collectors.toList()));
            byContent.forEach((content, treated) -> {
                Set<String> rules = treated.stream().map(Member::ruleId).collect(Collectors.toSet());
                List<Member> heldOut = members.stream().filter(m -> m.heldOut() && rules.contains(m.ruleId())).toList();
                groups.add(group(content, treated, heldOut, minimumN));
            });
        }
        groups.sort(java.util.Comparator.comparing(Group::key));
        return new EducationEffect(from, to, by, window, minimumN, total, groups);
    }

    private static Group group(String key, List<Member> treatedPool, List<Member> heldOutPool, int minimumN) {
        List<Member> treated = treatedPool.stream().filter(m -> !m.heldOut()).toList();
        List<Member> heldOut = heldOutPool.stream().filter(Member::heldOut).toList();
        List<Member> treatedClosed = treated.stream().filter(Member::closed).toList();
        List<Member> heldOutClosed = heldOut.stream().filter(Member::closed).toList();
        return new Group(key, treatedClosed.size(), heldOutClosed.size(), treated.size() - treatedClosed.size(),
                heldOut.size() - heldOutClosed.size(),
                ArmComparison.rates(treatedClosed.stream().filter(Member::recurred).count(), treatedClosed.size(),
                        heldOutClosed.stream().filter(Member::recurred).count(), heldOutClosed.size(), minimumN),
                ArmComparison.means(changes(treatedClosed, Member::csatBefore, Member::csatAfter),
                        changes(heldOutClosed, Member::csatBefore, Member::csatAfter), "CSAT points (1-5)", minimumN),
                ArmComparison.means(changes(treatedClosed, Member::npsBefore, Member::npsAfter),
                        changes(heldOutClosed, Member::npsBefore, Member::npsAfter), "NPS answer points (0-10)", minimumN));
    }

    /** The after − before change of the customers who answered in both windows. */
    private static ArmComparison.Summary changes(List<Member> members, Function<Member, Double> before,
                                                 Function<Member, Double> after) {
        return ArmComparison.Summary.of(members.stream().filter(m -> before.apply(m) != null && after.apply(m) != null)
                .map(m -> after.apply(m) - before.apply(m)).filter(Objects::nonNull).toList());
    }
}
