package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * A customer's latest {@code limit} stage changes, oldest first: a walk back through {@code stage_changes_by_customer}
     * that stops at the limit.
     */
    public Uni<List<Change>> history(String customerId, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from (
                            select customer_id, from_stage, to_stage, changed_at, cause_event_id from stage_changes
                            where customer_id = ?1 order by changed_at desc, cause_event_id desc limit ?2) latest
                        order by changed_at, cause_event_id""", Object[].class)
                .setParameter(1, customerId).setParameter(2, limit).getResultList())
                .map(rows -> inChainOrder(rows.stream().map(row -> new Change((String) row[0], (String) row[1],
                        (String) row[2], (OffsetDateTime) row[3], (String) row[4])).toList()));
    }

    /**
     * The changes (sorted by time) with those of the same instant put in the order they happened: one event can move a
     * customer through several stages at once (a first purchase: AWARENESS, then PURCHASE), and each of those changes
     * starts from the stage the one before it entered. The table keeps no insertion order to break such ties.
     */
    static List<Change> inChainOrder(List<Change> changes) {
        List<Change> ordered = new ArrayList<>(changes.size());
        int start = 0;
        while (start < changes.size()) {
            int end = start + 1;
            while (end < changes.size() && changes.get(end).at().isEqual(changes.get(start).at())) {
                end++;
            }
            List<Change> tied = new ArrayList<>(changes.subList(start, end));
            String previous = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1).to();
            while (!tied.isEmpty()) {
                Change next = first(tied, previous);
                tied.remove(next);
                ordered.add(next);
                previous = next.to();
            }
            start = end;
        }
        return ordered;
    }

    /** The change that comes next: one leaving the stage just entered, else one leaving no stage entered among these. */
    private static Change first(List<Change> tied, String previous) {
        for (Change candidate : tied) {
            if (Objects.equals(candidate.from(), previous)) {
                return candidate;
            }
        }
        for (Change candidate : tied) {
            if (tied.stream().noneMatch(other -> Objects.equals(other.to(), candidate.from()))) {
                return candidate;
            }
        }
        return tied.get(0);
    }
}
