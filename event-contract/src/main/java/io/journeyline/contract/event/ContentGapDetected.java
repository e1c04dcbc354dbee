package io.journeyline.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code io.journeyline.journey.content-gap-detected}: enough customers misunderstood one topic within a window
 * that its education content is likely missing or unclear. Aggregate: keyed {@code topic:<topic>}, no customerId.
 */
public record ContentGapDetected(
        String topic,
        String category,
        int count,
        OffsetDateTime windowStart,
        OffsetDateTime windowEnd,
        List<String> customerIds,
        List<String> evidence,
        String painPointId) implements AggregateEvent {

    @Override
    @JsonIgnore
    public String aggregateKey() {
        return "topic:" + topic;
    }
}
