package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Customers' stages and stage history, read and written set-based for a batch's customers. */
@ApplicationScoped
public class StageRepository {

    /** A customer's stage: null {@code stage} when no event has set one yet. */
    public record StageRow(String customerId, String stage, OffsetDateTime enteredAt, String previous, String cause) {
    }

    /** One stage entered; {@code from} is null for the initial stage. */
    public record Change(String customerId, String from, String to, OffsetDateTime at, String causeEventId) {
    }

    /**
     * The stages of these customers, locked for the rest of the transaction (the batch already locked them by
     * upserting the customers; a timer locked them first, {@link CustomerRepository#tryLock}). {@code for no key
     * update}, as the upsert locks: it keeps out other writers of the customer, not the inserts whose foreign key
     * only needs the customer to exist (another transaction's timeline entry), which would otherwise queue behind it.
     */
    public Uni<Map<String, StageRow>> lockStages(Set<String> customerIds) {
        return read(customerIds, " for no key update");
    }

    private Uni<Map<String, StageRow>> read(Set<String> customerIds, String lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, stage, stage_entered_at, previous_stage, stage_cause from customers
                        where id = any(cast(cast(?1 as text) as text[])) order by id""" + lock, Object[].class)
                .setParameter(1, SqlArrays.of(customerIds)).getResultList())
                .map(rows -> {
                    Map<String, StageRow> stages = new HashMap<>();
                    for (Object[] row : rows) {
                        stages.put((String) row[0], new StageRow((String) row[0], (String) row[1], (OffsetDateTime) row[2],
                                (String) row[3], (String) row[4]));
                    }
                    return stages;
                });
    }

    /** The stages of these customers, read without locking. */
    public Uni<Map<String, StageRow>> stagesOf(Set<String> customerIds) {
        return read(customerIds, "");
    }

    public Uni<Void> update(List<StageRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> values = rows.stream().sorted(java.util.Comparator.comparing(StageRow::customerId))
                .map(row -> new Object[]{row.customerId(), row.stage(), row.enteredAt(), row.previous(), row.cause()})
                .toList();
        return Transactions.inCallersTransaction("StageRepository.update", session -> MultiRowStatement.of(
                "update customers c set stage = v.stage, stage_entered_at = v.entered_at, previous_stage = v.previous, "
                        + "stage_cause = v.cause from", "text, text, timestamptz, text, text", values,
                "as v (id, stage, entered_at, previous, cause) where c.id = v.id").executeUpdate(session))
                .replaceWithVoid();
    }

    public Uni<Void> insertChanges(List<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> values = changes.stream()
                .map(change -> new Object[]{change.customerId(), change.from(), change.to(), change.at(), change.causeEventId()})
                .toList();
        return Transactions.inCallersTransaction("StageRepository.insertChanges", session -> MultiRowStatement.of(
                "insert into stage_changes (customer_id, from_stage, to_stage, changed_at, cause_event_id) select * from",
                "text, text, text, timestamptz, text", values, "on conflict do nothing").executeUpdate(session)).replaceWithVoid();
    }

    /** A customer's stage history, oldest first. */
    public Uni<List<Change>> history(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id, from_stage, to_stage, changed_at, cause_event_id from stage_changes
                        where customer_id = ?1 order by changed_at, cause_event_id""", Object[].class)
                .setParameter(1, customerId).getResultList())
                .map(rows -> rows.stream().map(row -> new Change((String) row[0], (String) row[1], (String) row[2],
                        (OffsetDateTime) row[3], (String) row[4])).toList());
    }
}
