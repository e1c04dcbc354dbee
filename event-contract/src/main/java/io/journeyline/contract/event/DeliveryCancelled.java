package io.journeyline.contract.event;

/**
 * {@code io.journeyline.delivery.cancelled}: the delivery gateways should drop what they still hold for this customer
 * from the publishing service (queued sends, addresses, links). Keyed by the customer id like the
 * {@link DeliveryRequested} it cancels, so a gateway that reads its partition in order has seen every earlier request.
 *
 * @param reason    why ({@code erasure})
 * @param erasureId the erasure that caused it, when {@code reason} is {@code erasure}
 */
public record DeliveryCancelled(
        String customerId,
        String reason,
        String erasureId) implements JourneyEvent {
}
