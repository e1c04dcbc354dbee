package io.journeyline.survey.domain.invitations;

import io.journeyline.survey.domain.invitations.FatigueGuards.Decision;
import io.journeyline.survey.domain.invitations.FatigueGuards.Facts;
import io.journeyline.survey.domain.invitations.FatigueGuards.Guard;
import io.journeyline.survey.domain.invitations.FatigueGuards.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FatigueGuardsTest {
    private static final Settings SETTINGS = new Settings(Duration.ofDays(7), true);
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T10:00:00Z");
    private static final Duration RECONTACT = Duration.ofDays(30);
    private static final Facts FRESH = new Facts(Optional.empty(), Optional.empty(), Set.of(), null, null);

    @Test
    void aCustomerNeverAskedAndWithoutObjectionsIsInvited() {
        assertThat(decide(FRESH, null).allowed()).isTrue();
    }

    @Test
    void consentOnTheChannelWinsOverConsentOnAnyChannelWhichWinsOverTheDefault() {
        assertThat(decide(new Facts(Optional.of(false), Optional.of(true), Set.of(), null, null), null).guard())
                .isEqualTo(Guard.CONSENT);
        assertThat(decide(new Facts(Optional.of(true), Optional.of(false), Set.of(), null, null), null).allowed()).isTrue();
        assertThat(decide(new Facts(Optional.empty(), Optional.of(false), Set.of(), null, null), null).guard())
                .isEqualTo(Guard.CONSENT);
        assertThat(FatigueGuards.decide(new Settings(Duration.ofDays(7), false), FRESH, "email", null, RECONTACT, NOW)
                .reason()).isEqualTo("the customer has not consented to surveys by email");
    }

    @Test
    void anOpenCaseHoldsSurveysBackButNotItsOwnFollowUp() {
        Facts withCase = new Facts(Optional.empty(), Optional.empty(), Set.of("case-1"), NOW.minusDays(1), NOW.minusDays(1));
        assertThat(decide(withCase, null).guard()).isEqualTo(Guard.OPEN_CASE);
        assertThat(decide(withCase, null).reason()).contains("case-1");
        assertThat(decide(withCase, "case-1").allowed()).as("the follow-up skips case, spacing and recontact").isTrue();
    }

    @Test
    void theFollowUpStillNeedsConsent() {
        Facts revoked = new Facts(Optional.of(false), Optional.empty(), Set.of("case-1"), null, null);
        assertThat(decide(revoked, "case-1").guard()).isEqualTo(Guard.CONSENT);
    }

    @Test
    void spacingBetweenAnyTwoInvitationsThenTheSurveysOwnRecontactWindow() {
        assertThat(decide(new Facts(Optional.empty(), Optional.empty(), Set.of(), NOW.minusDays(6), null), null).guard())
                .isEqualTo(Guard.SPACING);
        assertThat(decide(new Facts(Optional.empty(), Optional.empty(), Set.of(), NOW.minusDays(7), null), null).allowed())
                .as("exactly seven days later is allowed").isTrue();
        assertThat(decide(new Facts(Optional.empty(), Optional.empty(), Set.of(), NOW.minusDays(8), NOW.minusDays(29)), null)
                .guard()).isEqualTo(Guard.RECONTACT);
        assertThat(decide(new Facts(Optional.empty(), Optional.empty(), Set.of(), NOW.minusDays(31), NOW.minusDays(31)), null)
                .allowed()).isTrue();
    }

    private static Decision decide(Facts facts, String followUpOfCase) {
        return FatigueGuards.decide(SETTINGS, facts, "email", followUpOfCase, RECONTACT, NOW);
    }
}
