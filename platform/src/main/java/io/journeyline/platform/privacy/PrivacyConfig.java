package io.journeyline.platform.privacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Erasure settings every service shares ({@link Erasures}, {@link Pseudonyms}). */
@ConfigMapping(prefix = "journeyline.privacy")
public interface PrivacyConfig {
    /**
     * The secret key of the HMAC that names an erased customer (tombstones, receipts, the access log): the same in all
     * four services of a deployment, at least 32 characters, kept like a password. No default outside tests and dev
     * mode; a service without it does not start ({@code StartupChecks}). Changing it forgets every tombstone (an erased
     * customer's late events would no longer be recognised).
     */
    Optional<String> hmacKey();

    /**
     * How long a tombstone is kept: 25 months, the timeline's retention — an event older than that would be purged
     * as soon as it was stored, so a tombstone has nothing left to guard after it.
     */
    @WithDefault("P762D")
    Duration tombstoneRetention();

    /**
     * How long after an erasure events from Journeyline's own services about the erased customer are still dropped:
     * they can only be echoes of work done before the publishing service processed the erasure (an education
     * assignment for an intervention requested earlier), which is done within that service's consumer lag of the
     * erasure: the same day as journey-service's receipt deadline ({@code journeyline.erasures.receipt-deadline}), by
     * when a lagging service shows as overdue. Events from outside sources are dropped only up to the erasure's time.
     */
    @WithDefault("PT24H")
    Duration echoWindow();

    /**
     * Whether this service sends customers things through the delivery gateways, and so tells them after an erasure
     * ({@code io.journeyline.delivery.cancelled} on journey.outbound): survey-, education- and feedback-service.
     */
    @WithDefault("false")
    boolean cancelsDeliveries();
}
