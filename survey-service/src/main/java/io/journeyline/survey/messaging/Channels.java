package io.journeyline.survey.messaging;

/** Channel names of survey-service, used by code and configuration alike. */
public final class Channels {
    /** journey.interventions: journey-service's survey requests. */
    public static final String INTERVENTIONS = "interventions";
    /** journey.feedback: case events (open cases hold surveys back; a resolution asks for the follow-up). */
    public static final String FEEDBACK = "feedback";
    /** journey.education: completed education asks for course feedback. */
    public static final String EDUCATION = "education";
    /** journey.insights: the customers' consent. */
    public static final String INSIGHTS = "insights";

    private Channels() {
    }
}
