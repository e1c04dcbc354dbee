package io.journeyline.contract.event;

/**
 * {@code io.journeyline.consent.changed}: a customer granted or revoked consent for a purpose (service, survey,
 * education, marketing) on a channel (a contract channel, or {@code any}). Sent by a CRM or preference centre.
 */
public record ConsentChanged(
        String customerId,
        String purpose,
        String channel,
        boolean granted) implements JourneyEvent {
}
