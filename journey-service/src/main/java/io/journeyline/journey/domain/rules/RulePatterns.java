package io.journeyline.journey.domain.rules;

import io.journeyline.journey.domain.rules.CompiledRuleSet.Role;
import io.journeyline.journey.domain.rules.RuleSetDocument.Rule;
import io.journeyline.journey.domain.rules.RuleState.Episode;
import io.journeyline.journey.domain.rules.RuleState.Mark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The patterns a rule can have, as pure functions from (state, new matches) to (state, firings). No clock, no
 * database: what happens depends only on the events' times and ids, so the same events give the same firings in any
 * delivery order within the allowed lateness, and a replay of stored history gives what live evaluation gave.
 *
 * <p>Episodes: matches that belong together make one pain point. Once a pattern fires, later matches within the
 * window of the episode's evidence join it (more evidence, no second pain point); a match beyond that can start a new
 * episode. So a customer who keeps calling about returns has one repeat-contact pain point, with every call as
 * evidence.
 */
public final class RulePatterns {

    private RulePatterns() {
    }

    /**
     * A pattern fired: a new episode opened, or an open one gained evidence.
     *
     * @param evidence the matches this firing adds (all of them when it opens the episode)
     */
    public record Firing(int episode, boolean opened, List<Mark> evidence) {
    }

    /**
     * The result of applying matches to a state.
     *
     * @param late           matches older than the allowed lateness: kept out of the state (they are in the timeline)
     * @param absenceAnchors absence anchors that now wait for their timer, with the time it is due
     */
    public record Step(RuleState state, List<Firing> firings, List<Mark> late, List<Anchor> absenceAnchors) {
    }

    /** An absence anchor waiting for its expected event; the absence is checked at {@code dueAt}. */
    public record Anchor(Mark mark, Instant dueAt) {
    }

    /**
     * Adds {@code matches} (one rule, one state key) to {@code state} and evaluates the rule's pattern: count,
     * sequence, absence or aggregate. (Single-event rules and stalls need no state; see {@link #single}.) Matches more
     * than the allowed lateness behind the state's latest event are set aside — for an aggregate, more than its
     * window.
     */
    public static Step apply(Rule rule, RuleState state, List<Mark> matches, Duration allowedLateness) {
        // an aggregate sees many customers' events from many partitions and producers, in no common order: any
        // match inside its window still counts
        Duration lateness = rule.aggregate() != null && rule.aggregate().within().compareTo(allowedLateness) > 0
                ? rule.aggregate().within() : allowedLateness;
        Instant watermark = state.watermark();
        Set<String> known = new HashSet<>();
        state.marks().forEach(mark -> known.add(mark.role() + "|" + mark.eventId()));
        List<Mark> late = new ArrayList<>();
        TreeSet<Mark> marks = new TreeSet<>(Mark.ORDER);
        marks.addAll(state.marks());
        List<Mark> fresh = new ArrayList<>();
        // in event-time order, as if each had arrived alone: how a batch is cut changes nothing
        for (Mark match : matches.stream().sorted(Mark.ORDER).toList()) {
            if (!known.add(match.role() + "|" + match.eventId())) {
                continue;
            }
            if (watermark != null && match.time().isBefore(watermark.minus(lateness))) {
                late.add(match);
                continue;
            }
            marks.add(match);
            fresh.add(match);
            watermark = watermark == null || match.time().isAfter(watermark) ? match.time() : watermark;
        }
        if (watermark == null) {
            return new Step(state, List.of(), late, List.of());
        }
        Duration window = window(rule);
        Working working = new Working(new ArrayList<>(marks), state.episodes(), state.count());
        List<Firing> firings = new ArrayList<>();
        List<Anchor> anchors = new ArrayList<>();
        if (rule.count() != null) {
            count(working, rule.count().atLeast(), window, false, firings);
        } else if (rule.aggregate() != null) {
            count(working, rule.aggregate().atLeast(), window, true, firings);
        } else if (rule.sequence() != null) {
            sequence(working, window, firings);
        } else if (rule.absence() != null) {
            absence(working, window);
            for (Mark mark : fresh) {
                if (mark.role() == Role.TRIGGER) {
                    working.find(mark).filter(m -> m.episode() == RuleState.PENDING)
                            .ifPresent(m -> anchors.add(new Anchor(m, m.time().plus(window).plus(lateness))));
                }
            }
        } else {
            throw new IllegalArgumentException(rule.id() + " has no stateful pattern");
        }
        Instant keepFrom = watermark.minus(window).minus(lateness);
        List<Mark> kept = working.marks.stream()
                .filter(mark -> !mark.time().isBefore(keepFrom)
                        || (rule.absence() != null && mark.role() == Role.TRIGGER && mark.episode() == RuleState.PENDING))
                .toList();
        if (rule.count() != null || rule.aggregate() != null) {
            kept = boundEvidence(kept);
        }
        List<Episode> recent = working.episodes.stream().filter(e -> !e.last().isBefore(keepFrom)).toList();
        return new Step(new RuleState(watermark, kept, recent, working.count), firings, late, anchors);
    }

    /**
     * A count or aggregate needs only the pending matches and its episodes' bounds; matches already evidence (stored
     * with their pain point) are kept only up to {@link #EVIDENCE_KEPT}, the latest, so a popular aggregate's state
     * stays small. (Redelivered events are dropped before they get here; these only catch a replay within a state.)
     */
    static final int EVIDENCE_KEPT = 100;

    private static List<Mark> boundEvidence(List<Mark> marks) {
        long assigned = marks.stream().filter(mark -> mark.episode() > 0).count();
        if (assigned <= EVIDENCE_KEPT) {
            return marks;
        }
        long skip = assigned - EVIDENCE_KEPT;
        List<Mark> kept = new ArrayList<>(marks.size());
        for (Mark mark : marks) {
            if (mark.episode() > 0 && skip > 0) {
                skip--;
            } else {
                kept.add(mark);
            }
        }
        return kept;
    }

    /**
     * An absence timer came due for {@code anchorId}: fires a new episode with the anchor as evidence when the
     * expected event has not come, and nothing otherwise (or when the anchor is unknown).
     */
    public static Step absenceDue(RuleState state, String anchorId) {
        List<Mark> marks = new ArrayList<>(state.marks());
        for (int i = 0; i < marks.size(); i++) {
            Mark mark = marks.get(i);
            if (mark.role() == Role.TRIGGER && mark.eventId().equals(anchorId) && mark.episode() == RuleState.PENDING) {
                int number = state.count() + 1;
                Mark evidence = mark.in(number);
                marks.set(i, evidence);
                RuleState next = new RuleState(state.watermark(), marks, state.episodes(), number);
                return new Step(next, List.of(new Firing(number, true, List.of(evidence))), List.of(), List.of());
            }
        }
        return new Step(state, List.of(), List.of(), List.of());
    }

    /** Whether the rule keeps state between events (count, sequence, absence, aggregate); a stall has its own timer. */
    public static boolean stateful(Rule rule) {
        return rule.count() != null || rule.sequence() != null || rule.absence() != null || rule.aggregate() != null;
    }

    /**
     * Whether the rule listens to journey-service's own pain points in any role: its detections are not fed back to the
     * rules again (one level deep), live and in a backtest.
     */
    public static boolean listensToPainPoints(Rule rule) {
        String type = io.journeyline.contract.EventType.PAIN_POINT_DETECTED.type();
        return rule.on() != null && rule.on().types().contains(type)
                || rule.sequence() != null && rule.sequence().then().types().contains(type)
                || rule.absence() != null && rule.absence().expected().types().contains(type);
    }

    /** A rule without a pattern: every match is its own episode. */
    public static Firing single(Mark match) {
        return new Firing(1, true, List.of(match.in(1)));
    }

    /** The window a pattern looks back over. */
    public static Duration window(Rule rule) {
        if (rule.count() != null) {
            return rule.count().within();
        }
        if (rule.aggregate() != null) {
            return rule.aggregate().within();
        }
        if (rule.sequence() != null) {
            return rule.sequence().within();
        }
        if (rule.absence() != null) {
            return rule.absence().within();
        }
        return Duration.ZERO;
    }

    private static final class Working {
        final List<Mark> marks;
        final List<Episode> episodes;
        int count;

        Working(List<Mark> marks, List<Episode> episodes, int count) {
            this.marks = marks;
            this.episodes = new ArrayList<>(episodes);
            this.count = count;
        }

        Episode open(Instant first, Instant last) {
            Episode episode = new Episode(++count, first, last);
            episodes.add(episode);
            return episode;
        }

        /** The episode a match at {@code time} belongs to: the first whose evidence is within the window of it. */
        Optional<Episode> episodeNear(Instant time, Duration window) {
            return episodes.stream().filter(e -> !time.isBefore(e.first().minus(window))
                    && !time.isAfter(e.last().plus(window))).findFirst();
        }

        Episode widen(Episode episode, Instant time) {
            Episode wider = episode.widenedBy(time);
            episodes.replaceAll(e -> e.number() == episode.number() ? wider : e);
            return wider;
        }

        Optional<Mark> find(Mark mark) {
            return marks.stream().filter(m -> m.role() == mark.role() && m.eventId().equals(mark.eventId())).findFirst();
        }

        void assign(Mark mark, int number) {
            marks.replaceAll(m -> m == mark ? m.in(number) : m);
        }
    }

    /**
     * At least {@code atLeast} pending matches (of different customers when {@code distinctCustomers}) within the
     * window open an episode with them as evidence; pending matches near the open episode join it.
     */
    private static void count(Working working, int atLeast, Duration window, boolean distinctCustomers,
                              List<Firing> firings) {
        joinEpisodes(working, window, firings);
        while (true) {
            List<Mark> pending = working.marks.stream()
                    .filter(m -> m.role() == Role.TRIGGER && m.episode() == RuleState.PENDING).toList();
            List<Mark> group = firstGroup(pending, atLeast, window, distinctCustomers);
            if (group.isEmpty()) {
                return;
            }
            Episode episode = working.open(group.get(0).time(), group.get(group.size() - 1).time());
            List<Mark> evidence = new ArrayList<>();
            for (Mark mark : group) {
                working.assign(mark, episode.number());
                evidence.add(mark.in(episode.number()));
            }
            firings.add(new Firing(episode.number(), true, evidence));
            joinEpisodes(working, window, firings);
        }
    }

    /** The earliest window of pending matches that reaches the threshold, or empty. */
    private static List<Mark> firstGroup(List<Mark> pending, int atLeast, Duration window, boolean distinctCustomers) {
        for (int end = 0; end < pending.size(); end++) {
            Instant from = pending.get(end).time().minus(window);
            List<Mark> inWindow = new ArrayList<>();
            Set<String> customers = new LinkedHashSet<>();
            for (int i = 0; i <= end; i++) {
                Mark mark = pending.get(i);
                if (!mark.time().isBefore(from)) {
                    inWindow.add(mark);
                    customers.add(mark.customerId());
                }
            }
            if ((distinctCustomers ? customers.size() : inWindow.size()) >= atLeast) {
                return inWindow;
            }
        }
        return List.of();
    }

    /** Pending matches near an episode join it (one firing per episode that gained evidence). */
    private static void joinEpisodes(Working working, Duration window, List<Firing> firings) {
        Map<Integer, List<Mark>> joined = new TreeMap<>();
        for (Mark mark : List.copyOf(working.marks)) {
            if (mark.episode() != RuleState.PENDING || mark.role() == Role.EXPECTED) {
                continue;
            }
            working.episodeNear(mark.time(), window).ifPresent(episode -> {
                working.assign(mark, episode.number());
                working.widen(episode, mark.time());
                joined.computeIfAbsent(episode.number(), n -> new ArrayList<>()).add(mark.in(episode.number()));
            });
        }
        joined.forEach((number, evidence) -> firings.add(new Firing(number, false, evidence)));
    }

    /**
     * Each pending second step with a first step at most the window before it makes a pair; pairs near the open
     * episode join it, others open a new one. A late first step still pairs with a second step that came before it.
     */
    private static void sequence(Working working, Duration window, List<Firing> firings) {
        List<Mark> seconds = working.marks.stream()
                .filter(m -> m.role() == Role.THEN && m.episode() == RuleState.PENDING).toList();
        for (Mark second : seconds) {
            Optional<Mark> first = working.marks.stream()
                    .filter(m -> m.role() == Role.TRIGGER && !m.time().isAfter(second.time())
                            && !m.time().isBefore(second.time().minus(window)))
                    .max(Mark.ORDER);
            if (first.isEmpty()) {
                continue;
            }
            Mark a = working.find(first.get()).orElseThrow();
            Optional<Episode> near = working.episodeNear(second.time(), window);
            boolean opened = near.isEmpty();
            Episode episode = opened ? working.open(a.time(), second.time())
                    : working.widen(working.widen(near.get(), a.time()), second.time());
            int number = episode.number();
            List<Mark> evidence = new ArrayList<>();
            if (a.episode() == RuleState.PENDING) {
                working.assign(a, number);
                evidence.add(a.in(number));
            } else if (opened) {
                evidence.add(a);
            }
            working.assign(second, number);
            evidence.add(second.in(number));
            firings.add(new Firing(number, opened, evidence));
        }
    }

    /** Pending anchors whose expected event came within the window are satisfied (whichever arrived first). */
    private static void absence(Working working, Duration window) {
        List<Mark> expected = working.marks.stream().filter(m -> m.role() == Role.EXPECTED).toList();
        for (Mark anchor : List.copyOf(working.marks)) {
            if (anchor.role() != Role.TRIGGER || anchor.episode() != RuleState.PENDING) {
                continue;
            }
            boolean satisfied = expected.stream().anyMatch(e -> !e.time().isBefore(anchor.time())
                    && !e.time().isAfter(anchor.time().plus(window)));
            if (satisfied) {
                working.assign(anchor, RuleState.SATISFIED);
            }
        }
    }
}
