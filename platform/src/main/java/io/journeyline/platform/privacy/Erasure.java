package io.journeyline.platform.privacy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One erasure as a service carries it out.
 *
 * @param erasureId   journey-service's id for it
 * @param customerIds the asked-for customer first, then every customer linked to it by identity
 * @param erasedAt    the erasure's time: events of these customers dated at or before it are dropped from now on
 */
public record Erasure(String erasureId, List<String> customerIds, OffsetDateTime erasedAt) {
    public Erasure {
        customerIds = List.copyOf(customerIds);
        if (customerIds.isEmpty()) {
            throw new IllegalArgumentException("an erasure names at least one customer");
        }
    }

    /** The customer the erasure was asked for. */
    public String customerId() {
        return customerIds.get(0);
    }

    /**
     * A stand-in for a customer id in rows kept for the figures (a case, a survey answer): random, so nothing —
     * neither the id, the HMAC nor the erasure — leads back to the person; one per customer and erasure, so the rows
     * of one person still count as one (recurrence, distinct customers).
     */
    public static String standIn() {
        return "erased-" + UUID.randomUUID();
    }
}
