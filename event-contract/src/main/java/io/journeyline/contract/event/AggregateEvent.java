package io.journeyline.contract.event;

/**
 * An event about no single customer (a content gap across customers): keyed on Kafka by its aggregate key (e.g.
 * {@code topic:refund-policy}) and carrying no {@code customerId}; consumers that build customer state skip it.
 */
public interface AggregateEvent extends JourneyEvent {
    /** The Kafka record key and CloudEvents subject. */
    String aggregateKey();
}
