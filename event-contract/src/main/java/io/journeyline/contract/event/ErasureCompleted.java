package io.journeyline.contract.event;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * {@code io.journeyline.privacy.erasure-completed}: one service's receipt for an erasure, published on that service's
 * own topic. It names the customer only as {@code customerHmac} (an HMAC of the asked-for id with the deployment's
 * secret key), never by id, so it is keyed by that HMAC and carries no {@code customerId}.
 *
 * @param counts rows erased or pseudonymised, per kind of data (a table name)
 */
public record ErasureCompleted(
        String erasureId,
        String service,
        String customerHmac,
        Map<String, Long> counts,
        OffsetDateTime completedAt) implements AggregateEvent {

    @Override
    @JsonIgnore
    public String aggregateKey() {
        return customerHmac;
    }
}
