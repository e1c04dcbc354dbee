package io.journeyline.platform.privacy;

import io.smallrye.mutiny.Uni;

import java.util.Map;

/**
 * What one service holds about customers in its own tables, and how it forgets them. Each service has exactly one
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
}
