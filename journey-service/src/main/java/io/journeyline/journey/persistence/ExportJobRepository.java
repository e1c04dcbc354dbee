package io.journeyline.journey.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Export jobs ({@code export_jobs}): their progress and, once done, the document. */
@ApplicationScoped
public class ExportJobRepository {

    /** A job as its status shows it (not its document). */
    public record Job(String id, String customerId, String requestedBy, OffsetDateTime requestedAt, String status,
                      int partsDone, int partsTotal, String missing, String error, OffsetDateTime completedAt) {
    }

    public Uni<Void> insert(Job job) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into export_jobs (id, customer_id, requested_by, requested_at, status, parts_total)
                        values (?1, ?2, ?3, ?4, 'RUNNING', ?5)""")
                .setParameter(1, job.id()).setParameter(2, job.customerId()).setParameter(3, job.requestedBy())
                .setParameter(4, job.requestedAt()).setParameter(5, job.partsTotal()).executeUpdate())).replaceWithVoid();
    }

    public Uni<Void> partDone(String id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update export_jobs set parts_done = parts_done + 1 where id = ?1 and status = 'RUNNING'")
                .setParameter(1, id).executeUpdate())).replaceWithVoid();
    }

    public Uni<Void> done(String id, String document, String missing, OffsetDateTime now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        update export_jobs set status = 'DONE', parts_done = parts_total, document = ?2, missing = ?3,
                            completed_at = ?4
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, document).setParameter(3, missing).setParameter(4, now)
                .executeUpdate())).replaceWithVoid();
    }

    public Uni<Void> failed(String id, String error, OffsetDateTime now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update export_jobs set status = 'FAILED', error = ?2, completed_at = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, error).setParameter(3, now).executeUpdate())).replaceWithVoid();
    }

    public Uni<Optional<Job>> find(String id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, customer_id, requested_by, requested_at, status, parts_done, parts_total, missing,
                            error, completed_at
                        from export_jobs where id = ?1""", Object[].class)
                .setParameter(1, id).getResultList()))
                .map(rows -> rows.stream().findFirst().map(r -> new Job((String) r[0], (String) r[1], (String) r[2],
                        (OffsetDateTime) r[3], (String) r[4], ((Number) r[5]).intValue(), ((Number) r[6]).intValue(),
                        (String) r[7], (String) r[8], (OffsetDateTime) r[9])));
    }

    /** The document of a finished job, as stored (JSON text). */
    public Uni<Optional<String>> document(String id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select document from export_jobs where id = ?1 and status = 'DONE'", String.class)
                .setParameter(1, id).getResultList()))
                .map(rows -> rows.stream().findFirst());
    }
}
