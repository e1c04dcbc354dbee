package io.journeyline.contract;

import java.util.List;
import java.util.stream.Stream;

/** Kafka topic names of the public contract (ARCHITECTURE.md). Dead letters go to {@code <topic>.dlq}. */
public final class Topics {
    public static final String TOUCHPOINTS = "journey.touchpoints";
    public static final String EDUCATION = "journey.education";
    public static final String FEEDBACK = "journey.feedback";
    public static final String INTERVENTIONS = "journey.interventions";
    public static final String INSIGHTS = "journey.insights";
    /** Requests to the company's delivery gateways (e-mail, SMS, app push) to send a customer something. */
    public static final String OUTBOUND = "journey.outbound";

    /** The contract's topics. */
    public static final List<String> ALL = List.of(TOUCHPOINTS, EDUCATION, FEEDBACK, INTERVENTIONS, INSIGHTS, OUTBOUND);

    /**
     * The one topic the company's own systems write (touchpoints and consent changes); every other topic is written
     * by the Journeyline service that owns it.
     */
    public static final String OPEN_TO_PRODUCERS = TOUCHPOINTS;

    /**
     * CloudEvents sources under this prefix are Journeyline's own services ({@code /journeyline/journey-service}, …):
     * no event on {@link #OPEN_TO_PRODUCERS} may carry one, and no HTTP client may send one.
     */
    public static final String RESERVED_SOURCE_PREFIX = "/journeyline/";

    /** Suffix of each consumer's dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** Every topic an installation needs: the contract's topics and each one's dead-letter topic. */
    public static List<String> allWithDeadLetters() {
        return ALL.stream().flatMap(topic -> Stream.of(topic, deadLetterTopicOf(topic))).toList();
    }

    /** The dead-letter topic that belongs to {@code topic}. */
    public static String deadLetterTopicOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
