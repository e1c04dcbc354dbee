package io.journeyline.contract.event;

/** The {@code data} of a contract event. Every event belongs to one customer. */
public interface JourneyEvent {
    /** The customer this event is about; also the Kafka record key and the CloudEvents subject. */
    String customerId();
}
