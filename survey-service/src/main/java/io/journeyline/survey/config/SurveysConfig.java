package io.journeyline.survey.config;

import io.journeyline.platform.validation.OccurredWithin;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How survey-service invites: which surveys answer which requests, fatigue control, links and their lifetime. */
@ConfigMapping(prefix = "journeyline.surveys")
public interface SurveysConfig extends OccurredWithin.Window {
    /** The customer-facing base URL; an invitation's link is {@code <base>/api/v1/responses/<token>}. */
    @WithDefault("http://localhost:8082")
    String publicBaseUrl();

    /** How long an invitation's link can be answered. */
    @WithDefault("P14D")
    Duration invitationTtl();

    /** At least this long between any two invitations a customer gets (a case's follow-up excepted). */
    @WithDefault("P7D")
    Duration minSpacing();

    /** A survey's recontact window when its definition sets none. */
    @WithDefault("P30D")
    Duration defaultRecontact();

    /** Whether surveys count as consented to while the customer has said nothing (journey-service's default too). */
    @WithDefault("true")
    boolean consentedByDefault();

    /** The channel of an invitation whose request names none. */
    @WithDefault("email")
    String defaultChannel();

    /** The surveys journey-service's survey requests are answered with, per kind. */
    @WithDefault("relationship-nps")
    String surveyForNps();

    @WithDefault("touchpoint-csat")
    String surveyForCsat();

    @WithDefault("touchpoint-ces")
    String surveyForCes();

    /** The survey a resolved case's follow-up asks (its headline decides RECOVERED in feedback-service). */
    @WithDefault("case-follow-up")
    String followUpSurvey();

    /** The survey sent when a customer completes education, if {@code course-feedback-enabled}. */
    @WithDefault("course-feedback")
    String courseFeedbackSurvey();

    @WithDefault("true")
    boolean courseFeedbackEnabled();

    /** The period the results cover when the caller names none: this long up to now. */
    @WithDefault("P90D")
    Duration resultsWindow();

    /** The confidence level of the results' intervals. */
    @WithDefault("0.95")
    double confidence();

    /**
     * How far back an answer collected elsewhere may be dated ({@code respondedAt} of the ingest endpoint): it is
     * published with that time, so the customer's timeline and the before/after windows place it where it happened.
     */
    @WithDefault("P90D")
    Duration respondedAtMaxAge();

    /** How far a sender's {@code respondedAt} may lie ahead of this service's clock (the sender's clock may run fast). */
    @WithDefault("PT5M")
    Duration respondedAtMaxSkew();

    @Override
    default Duration occurredMaxAge() {
        return respondedAtMaxAge();
    }

    @Override
    default Duration occurredMaxSkew() {
        return respondedAtMaxSkew();
    }
}
