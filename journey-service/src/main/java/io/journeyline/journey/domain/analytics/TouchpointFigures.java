package io.journeyline.journey.domain.analytics;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where the journey hurts, per touchpoint over a period: how often it is used, how often it fails (outcome
 * {@code failure} or action {@code error}), how many of its customers have a pain point about it, and the CSAT and
 * CES of the survey responses tied to it — overall and per channel (the survey means are per touchpoint: a response
 * names the touchpoint, not the channel it was used on).
 */
public record TouchpointFigures(OffsetDateTime from, OffsetDateTime to, List<Touchpoint> items) {

    public record Touchpoint(String touchpoint, long volume, long customers, Figures.Share failureRate,
                             Figures.Share painPointRate, Figures.Mean csat, Figures.Mean ces, List<Channel> channels) {
    }

    /** One channel of a touchpoint: events, customers, failure rate (of events), pain-point rate (of customers). */
    public record Channel(String channel, long volume, long customers, Figures.Share failureRate,
                          Figures.Share painPointRate) {
    }
}
