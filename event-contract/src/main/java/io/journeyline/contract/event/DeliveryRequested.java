package io.journeyline.contract.event;

import io.journeyline.contract.vocabulary.Channel;

import java.time.OffsetDateTime;

/**
 * {@code io.journeyline.delivery.requested} on {@code journey.outbound}: please send the customer this, on this
 * channel, in this language. {@code kind}: {@code survey-invitation} (with {@code link}, the customer's single-use
 * answer link), {@code education} (with {@code contentId}) or {@code callback}.
 */
public record DeliveryRequested(
        String customerId,
        String deliveryId,
        Channel channel,
        String kind,
        String link,
        String contentId,
        String locale,
        OffsetDateTime expiresAt) implements JourneyEvent {
}
