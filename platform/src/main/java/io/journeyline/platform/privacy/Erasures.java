package io.journeyline.platform.privacy;

import io.journeyline.contract.event.DeliveryCancelled;
import io.journeyline.contract.event.ErasureCompleted;
import io.journeyline.contract.event.ErasureRequested;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.outbox.Cause;
import io.journeyline.platform.outbox.Outbox;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Carries out an erasure in this service, the same way in all four: in the caller's transaction it
 * <ol>
 * <li>takes the tombstones' table lock ({@code exclusive}: the consumers' tombstone check, {@code for share}, waits
 * for it, and it waits for batches that checked before it, so no batch writes a customer's rows after they were
 * erased);</li>
 * <li>writes a tombstone per customer — the HMAC of the id ({@link Pseudonyms}) and the erasure's time — so events
 * of theirs dated at or before it are dropped wherever they arrive later ({@link Tombstones});</li>
 * <li>lets the service's {@link PersonalData} erase or pseudonymise its own tables, timers included;</li>
 * <li>deletes what the platform holds of them: unsent outbox rows and parked events keyed by their ids, and the copy
 * of their consent.</li>
 * </ol>
 * survey-, education- and feedback-service route {@code io.journeyline.privacy.erasure-requested} to
 * {@link #onRequested} and answer with their receipt; journey-service calls {@link #erase} in the request that asks
 * for the erasure and records its own.
 */
@ApplicationScoped
public class Erasures {
    private static final Logger LOG = Logger.getLogger(Erasures.class);
    /** The tombstones' lock an erasure holds until it commits ({@link Tombstones} checks under it). */
    static final String LOCK = "lock table platform_erasures in exclusive mode";

    private final PersonalData personalData;
    private final Pseudonyms pseudonyms;
    private final PrivacyConfig config;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String service;

    public Erasures(PersonalData personalData, Pseudonyms pseudonyms, PrivacyConfig config, Outbox outbox, Clock clock,
                    MeterRegistry registry, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.personalData = personalData;
        this.pseudonyms = pseudonyms;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.service = service;
    }

    /** Erases the customers of {@code erasure} in this service; rows per table. Runs in the caller's transaction. */
    public Uni<Map<String, Long>> erase(Erasure erasure) {
        Map<String, Long> counts = new TreeMap<>();
        List<String> ids = erasure.customerIds();
        String idArray = SqlArrays.of(ids);
        return lock().chain(() -> Transactions.inCallersTransaction("Erasures.erase", session -> tombstones(session, erasure)))
                .chain(() -> personalData.erase(erasure))
                .invoke(own -> own.forEach((table, n) -> counts.merge(table, n, Long::sum)))
                // after the service's own tables: a timer that was firing for the customer has committed by now (the
                // service's delete of its timer rows waited for it), so what it published is among these rows
                .chain(() -> Transactions.inCallersTransaction("Erasures.erase", session -> count(counts, "outbox_events",
                                session.createNativeQuery("delete from outbox_events where record_key " + SqlArrays.anyOf(1, "text"))
                                        .setParameter(1, idArray).executeUpdate())
                        .chain(() -> count(counts, "platform_outbox_parked", session.createNativeQuery(
                                        "delete from platform_outbox_parked where record_key " + SqlArrays.anyOf(1, "text"))
                                .setParameter(1, idArray).executeUpdate()))
                        .chain(() -> count(counts, "platform_consents", session.createNativeQuery(
                                        "delete from platform_consents where customer_id " + SqlArrays.anyOf(1, "text"))
                                .setParameter(1, idArray).executeUpdate()))
                        // a replay's outcome keeps the failure's message, which may name the customer
                        .chain(() -> count(counts, "platform_replay_job_records", session.createNativeQuery("""
                                        update platform_replay_job_records set detail = '(erased)'
                                        where exists (select 1 from unnest(cast(cast(?1 as text) as text[])) id
                                                      where position(id in detail) > 0)""")
                                .setParameter(1, idArray).executeUpdate()))))
                .map(ignored -> {
                    counts.values().removeIf(n -> n == 0);
                    registry.counter("journeyline.privacy.erasures").increment();
                    LOG.infof("erasure %s: %d customer(s) erased, rows %s", erasure.erasureId(), ids.size(), counts);
                    return Map.copyOf(counts);
                });
    }

    /**
     * Takes the tombstones' lock for the caller's transaction (taken again by {@link #erase}: harmless). journey-service
     * takes it before it reads whom an erasure covers, so no link and no event of theirs commits in between.
     */
    public Uni<Void> lock() {
        return Transactions.inCallersTransaction("Erasures.lock", session -> session.createNativeQuery(LOCK).executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Integer> tombstones(Mutiny.Session session, Erasure erasure) {
        List<String> hmacs = erasure.customerIds().stream().map(pseudonyms::of).toList();
        return session.createNativeQuery("""
                        insert into platform_erasures (customer_hmac, erasure_id, erased_before, recorded_at)
                        select hmac, ?2, ?3, ?4 from unnest(cast(cast(?1 as text) as text[])) hmac
                        on conflict (customer_hmac) do update set erasure_id = excluded.erasure_id,
                            erased_before = greatest(platform_erasures.erased_before, excluded.erased_before),
                            recorded_at = excluded.recorded_at""")
                .setParameter(1, SqlArrays.of(hmacs)).setParameter(2, erasure.erasureId())
                .setParameter(3, erasure.erasedAt()).setParameter(4, OffsetDateTime.now(clock))
                .executeUpdate();
    }

    private static Uni<Void> count(Map<String, Long> counts, String table, Uni<Integer> deleted) {
        return deleted.invoke(n -> counts.merge(table, n.longValue(), Long::sum)).replaceWithVoid();
    }

    /**
     * survey-, education- and feedback-service's handler of {@code erasure-requested}: erases, then publishes this
     * service's receipt on its own topic (and, for a service that sends customers things, a
     * {@code delivery.cancelled} per customer for the gateways), in the batch's transaction.
     */
    public Uni<Void> onRequested(List<Delivery<ErasureRequested>> requests) {
        return InOrder.each(requests, this::answer);
    }

    private Uni<Void> answer(Delivery<ErasureRequested> request) {
        ErasureRequested asked = request.data();
        Erasure erasure = new Erasure(asked.erasureId(), idsOf(asked), request.event().time());
        Cause cause = Cause.of(request.event());
        return erase(erasure).chain(counts -> {
            Uni<String> receipt = outbox.publish(new ErasureCompleted(asked.erasureId(), service,
                    pseudonyms.of(asked.customerId()), counts, OffsetDateTime.now(clock)), cause);
            if (!config.cancelsDeliveries()) {
                return receipt.replaceWithVoid();
            }
            List<Outbox.Publication> cancels = erasure.customerIds().stream()
                    .map(id -> new Outbox.Publication(new DeliveryCancelled(id, "erasure", asked.erasureId()),
                            cause.and("customer=" + id)))
                    .toList();
            return receipt.chain(() -> outbox.publishAll(cancels)).replaceWithVoid();
        });
    }

    /** The asked-for customer first, then the linked ones, each once. */
    private static List<String> idsOf(ErasureRequested asked) {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        ids.add(asked.customerId());
        ids.addAll(asked.customerIds());
        return List.copyOf(ids);
    }
}
