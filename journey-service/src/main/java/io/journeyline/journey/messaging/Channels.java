package io.journeyline.journey.messaging;

/** Channel names of journey-service, used by code and configuration alike. */
public final class Channels {
    /** journey.touchpoints, journey.education and journey.feedback: everything that lands in a timeline. */
    public static final String JOURNEY_EVENTS = "journey-events";

    private Channels() {
    }
}
