package io.journeyline.feedback.messaging;

/** Channel names of feedback-service, used by code and configuration alike. */
public final class Channels {
    /** journey.interventions: journey-service's case requests. */
    public static final String INTERVENTIONS = "interventions";
    /** journey.feedback: survey answers (a case's follow-up). */
    public static final String FEEDBACK = "feedback";
    /** journey.insights: erasures journey-service asks for. */
    public static final String INSIGHTS = "insights";

    private Channels() {
    }
}
