package io.journeyline.survey.domain.invitations;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * May this customer be invited to this survey now? The first guard that objects names the suppression, checked in
 * this order: consent for surveys on the channel, an open case, the global spacing between any two invitations, the
 * survey's own recontact window. A case's follow-up survey is exempt from all but consent: the case it follows is open
 * by definition, and the loop closes only if the customer is asked. Pure: the caller gathers the facts.
 */
public final class FatigueGuards {

    public enum Guard {
        CONSENT("consent"), OPEN_CASE("open-case"), SPACING("spacing"), RECONTACT("recontact");

        private final String wire;

        Guard(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * @param minSpacing         at least this long between any two invitations a customer gets
     * @param consentedByDefault whether surveys count as consented to while the customer has said nothing
     */
    public record Settings(Duration minSpacing, boolean consentedByDefault) {
    }

    /**
     * What is known about the customer.
     *
     * @param consentOnChannel what they said about surveys on this channel, if anything
     * @param consentAnyChannel what they said about surveys on every channel, if anything
     * @param openCases         their open cases
     * @param lastInvited       when they were last invited to any survey
     * @param lastInvitedToThis when they were last invited to this survey
     */
    public record Facts(Optional<Boolean> consentOnChannel, Optional<Boolean> consentAnyChannel, Set<String> openCases,
                        OffsetDateTime lastInvited, OffsetDateTime lastInvitedToThis) {
    }

    /** Null guard = allowed. */
    public record Decision(Guard guard, String reason) {
        public static final Decision ALLOWED = new Decision(null, null);

        public boolean allowed() {
            return guard == null;
        }
    }

    private FatigueGuards() {
    }

    /**
     * @param channel        the invitation's channel (wire value)
     * @param followUpOfCase the case this invitation follows up, or null
     * @param recontact      the survey's recontact window
     */
    public static Decision decide(Settings settings, Facts facts, String channel, String followUpOfCase,
                                  Duration recontact, OffsetDateTime now) {
        boolean consented = facts.consentOnChannel().or(facts::consentAnyChannel).orElse(settings.consentedByDefault());
        if (!consented) {
            return new Decision(Guard.CONSENT, "the customer has not consented to surveys by " + channel);
        }
        if (followUpOfCase != null) {
            return Decision.ALLOWED;
        }
        if (!facts.openCases().isEmpty()) {
            return new Decision(Guard.OPEN_CASE, "case " + facts.openCases().iterator().next()
                    + " is open; surveys wait until it is closed");
        }
        if (facts.lastInvited() != null && facts.lastInvited().plus(settings.minSpacing()).isAfter(now)) {
            return new Decision(Guard.SPACING, "invited to a survey at " + facts.lastInvited() + ", less than "
                    + settings.minSpacing() + " ago");
        }
        if (facts.lastInvitedToThis() != null && facts.lastInvitedToThis().plus(recontact).isAfter(now)) {
            return new Decision(Guard.RECONTACT, "invited to this survey at " + facts.lastInvitedToThis()
                    + ", within its recontact window of " + recontact);
        }
        return Decision.ALLOWED;
    }
}
