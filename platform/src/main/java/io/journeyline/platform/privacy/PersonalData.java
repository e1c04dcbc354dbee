package io.journeyline.platform.privacy;

import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * What one service holds about customers in its own tables, how it hands it over and how it forgets it. Each service has exactly one
 * implementation; {@link Erasures} calls it inside the erasure's transaction, after the platform's own tables (the
 * unsent outbox, parked events, consent) are done and with the tombstones already written.
 */
public interface PersonalData {
    /**
     * Erases, or irreversibly pseudonymises, everything this service holds about {@code erasure.customerIds()}, its
     * timers included. Runs in the caller's transaction.
     *
     * @return rows erased or pseudonymised, per table (tables with none may be left out)
     */
    Uni<Map<String, Long>> erase(Erasure erasure);

    /**
     * Everything this service holds about {@code customerId} in its own tables, for the customer's subject-access
     * request: per table, its rows (column → value). {@link PersonalDataResource} adds the platform's part.
     */
    Uni<Map<String, com.fasterxml.jackson.databind.JsonNode>> export(String customerId);
}
