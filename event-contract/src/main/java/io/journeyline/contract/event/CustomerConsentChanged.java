package io.journeyline.contract.event;

import java.util.List;

/**
 * {@code io.journeyline.journey.consent-changed}: a customer's consent after a change, as journey-service holds it,
 * for the services that contact customers to honour.
 */
public record CustomerConsentChanged(
        String customerId,
        List<Consent> consents) implements JourneyEvent {

    /** Consent for one purpose on one channel ({@code any}: every channel). */
    public record Consent(String purpose, String channel, boolean granted) {
    }
}
