package io.journeyline.journey.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Erasures and their receipts ({@code erasures}, {@code erasure_receipts}): id-free, the customer as an HMAC. */
@ApplicationScoped
public class ErasureRepository {

    /** An erasure as recorded. */
    public record Row(String id, String customerHmac, int customers, String reason, String requestedBy,
                      OffsetDateTime requestedAt, OffsetDateTime completedAt) {
    }

    /** One service's receipt. */
    public record Receipt(String service, String counts, OffsetDateTime completedAt) {
    }

    public Uni<Void> insert(Row row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into erasures (id, customer_hmac, customers, reason, requested_by, requested_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, row.id()).setParameter(2, row.customerHmac()).setParameter(3, row.customers())
                .setParameter(4, row.reason()).setParameter(5, row.requestedBy()).setParameter(6, row.requestedAt())
                .executeUpdate()).replaceWithVoid();
    }

    /** Records a receipt once (a redelivered one changes nothing). */
    public Uni<Void> addReceipt(String erasureId, Receipt receipt, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into erasure_receipts (erasure_id, service, counts, completed_at, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .setParameter(1, erasureId).setParameter(2, receipt.service()).setParameter(3, receipt.counts())
                .setParameter(4, receipt.completedAt()).setParameter(5, now)
                .executeUpdate()).replaceWithVoid();
    }

    /** Marks the erasure complete when {@code services} receipts are in; whether it did now. */
    public Uni<Boolean> completeIfAnswered(String erasureId, int services, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update erasures set completed_at = ?2
                        where id = ?1 and completed_at is null
                          and (select count(*) from erasure_receipts where erasure_id = ?1) >= ?3""")
                .setParameter(1, erasureId).setParameter(2, now).setParameter(3, services)
                .executeUpdate()).map(updated -> updated > 0);
    }

    public Uni<Optional<Row>> find(String id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, customer_hmac, customers, reason, requested_by, requested_at, completed_at
                        from erasures where id = ?1""", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Row((String) r[0], (String) r[1],
                        ((Number) r[2]).intValue(), (String) r[3], (String) r[4], (OffsetDateTime) r[5],
                        (OffsetDateTime) r[6])));
    }

    public Uni<List<Receipt>> receipts(String erasureId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select service, counts, completed_at from erasure_receipts where erasure_id = ?1
                        order by completed_at, service""", Object[].class)
                .setParameter(1, erasureId).getResultList())
                .map(rows -> rows.stream().map(r -> new Receipt((String) r[0], (String) r[1],
                        (OffsetDateTime) r[2])).toList());
    }

    /** Erasures still waiting for a receipt that were asked for before {@code before}. */
    public Uni<Long> countPendingSince(OffsetDateTime before) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from erasures where completed_at is null and requested_at < ?1", Long.class)
                .setParameter(1, before).getSingleResult());
    }
}
