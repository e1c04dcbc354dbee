package io.journeyline.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event about no single customer (a content gap across customers): keyed on Kafka by its aggregate key (e.g.
 * {@code topic:refund-policy}) and carrying no {@code customerId}; consumers that build customer state skip it.
 */
public interface AggregateEvent extends JourneyEvent {
    /** The Kafka record key and CloudEvents subject. */
    String aggregateKey();

    /** None: the event is about no single customer, and its data has no {@code customerId}. */
    @Override
    @JsonIgnore
    default String customerId() {
        return null;
    }
}
