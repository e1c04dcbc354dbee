package io.journeyline.journey.domain.interventions;

import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The restraint of DOMAIN.md ("Guards on every intervention"), as a pure decision: given what a customer was already
 * sent, their open cases and their consents, may this intervention go out? The first guard that objects names the
 * suppression, checked in this order: stale (the pain point was detected on events older than {@code staleAfter}: a
 * backfill of history, not a moment to reach the customer), consent, open case (surveys), cooldown per (rule, topic),
 * duplicate (the same kind of request on the same topic from another rule within the cooldown: one explainer, one
 * case), survey spacing, cap. The other guards compare event times, so a replay decides as live evaluation did;
 * staleness alone compares the event time with the decision's wall-clock time.
 */
public final class InterventionGuards {

    /** Why an intervention was not sent; the wire name is what the API shows. */
    public enum Guard {
        STALE("stale"), CONSENT("consent"), OPEN_CASE("open-case"), COOLDOWN("cooldown"), DUPLICATE("duplicate"),
        SURVEY_SPACING("survey-spacing"), CAP("cap");

        private final String wire;

        Guard(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * The configured guards.
     *
     * @param cooldown        at most one intervention per (customer, rule, topic) within this (a rule may set its own)
     * @param cap             at most this many interventions per customer within {@code capWindow}, across rules
     * @param surveySpacing   no survey within this of the last one
     * @param consentedByDefault purposes that count as consented to while the customer has said nothing
     * @param staleAfter      a pain point detected at an event time older than this (when deciding) asks for nothing
     */
    public record Settings(Duration cooldown, int cap, Duration capWindow, Duration surveySpacing,
                           Set<String> consentedByDefault, Duration staleAfter) {
    }

    /** An intervention that went out. */
    public record Sent(String ruleId, String topic, ActionType type, Instant at) {
    }

    /**
     * What is known about the customer when deciding.
     *
     * @param consents what the customer said, by purpose (for any channel); absent purposes take the default
     */
    public record History(List<Sent> sent, boolean caseOpen, Map<String, Boolean> consents) {
    }

    /**
     * The intervention a firing asks for. {@code at} is the detection's event time (what cooldowns and caps compare),
     * {@code completedAt} when its pattern became true (what staleness ages: for an absence, the end of its window);
     * {@code ruleCooldown} is the rule's own cooldown, or null.
     */
    public record Request(String ruleId, String topic, ActionType type, Instant at, Instant completedAt,
                          Duration ruleCooldown) {
    }

    /** Sent when {@code suppressedBy} is null; {@code reason} says why in words either way. */
    public record Decision(Guard suppressedBy, String reason) {
        public boolean sent() {
            return suppressedBy == null;
        }
    }

    private final Settings settings;

    public InterventionGuards(Settings settings) {
        this.settings = settings;
    }

    /** The purpose an intervention of this type serves, as consent is given for it. */
    public static String purpose(ActionType type) {
        return switch (type) {
            case EDUCATION -> "education";
            case SURVEY -> "survey";
            default -> "service";
        };
    }

    /** Decides {@code request} at wall-clock time {@code now}. */
    public Decision decide(Request request, History history, Instant now) {
        Duration age = Duration.between(request.completedAt(), now);
        if (age.compareTo(settings.staleAfter()) > 0) {
            return new Decision(Guard.STALE, "detected on events " + words(age) + " old (stale after "
                    + words(settings.staleAfter()) + "): history, not a moment to reach the customer");
        }
        String purpose = purpose(request.type());
        boolean consented = history.consents().getOrDefault(purpose, settings.consentedByDefault().contains(purpose));
        if (!consented) {
            return new Decision(Guard.CONSENT, "the customer has not consented to " + purpose + " contact");
        }
        if (request.type() == ActionType.SURVEY && history.caseOpen()) {
            return new Decision(Guard.OPEN_CASE, "no survey while a case of the customer is open");
        }
        Duration cooldown = request.ruleCooldown() != null ? request.ruleCooldown() : settings.cooldown();
        for (Sent sent : history.sent()) {
            if (sent.ruleId().equals(request.ruleId()) && same(sent.topic(), request.topic())
                    && within(sent.at(), request.at(), cooldown)) {
                return new Decision(Guard.COOLDOWN, request.ruleId() + " already intervened"
                        + (request.topic() == null ? "" : " on " + request.topic()) + " within " + cooldown);
            }
        }
        for (Sent sent : history.sent()) {
            if (sent.type() == request.type() && request.topic() != null && request.topic().equals(sent.topic())
                    && within(sent.at(), request.at(), settings.cooldown())) {
                return new Decision(Guard.DUPLICATE, "a " + request.type() + " request on " + request.topic()
                        + " was already sent within " + settings.cooldown() + " (for " + sent.ruleId() + ")");
            }
        }
        if (request.type() == ActionType.SURVEY) {
            for (Sent sent : history.sent()) {
                if (sent.type() == ActionType.SURVEY && within(sent.at(), request.at(), settings.surveySpacing())) {
                    return new Decision(Guard.SURVEY_SPACING, "a survey was requested within " + settings.surveySpacing());
                }
            }
        }
        long recent = history.sent().stream().filter(sent -> within(sent.at(), request.at(), settings.capWindow())).count();
        if (recent >= settings.cap()) {
            return new Decision(Guard.CAP, recent + " interventions within " + settings.capWindow()
                    + " reach the cap of " + settings.cap());
        }
        return new Decision(null, "sent");
    }

    /** "10 days", "47 hours", "5 minutes": whole units, rounded down. */
    static String words(Duration duration) {
        if (duration.toDays() >= 2) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 2) {
            return duration.toHours() + " hours";
        }
        return duration.toMinutes() + " minutes";
    }

    /** {@code earlier} is at most {@code window} before (or after, for late events) {@code at}. */
    private static boolean within(Instant earlier, Instant at, Duration window) {
        return Duration.between(earlier, at).abs().compareTo(window) < 0;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
