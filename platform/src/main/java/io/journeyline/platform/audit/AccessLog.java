package io.journeyline.platform.audit;

import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.timers.Ticker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the access log ({@code platform_access_log}) by group commit: a request's row is queued and the request waits
 * until an insert holding it has committed — one insert for every row that queued while the previous one ran, at most
 * {@code journeyline.audit.batch-size} rows — so under load a read costs a share of a batched insert, not an insert of
 * its own, and none is answered before its row is stored.
 */
@ApplicationScoped
public class AccessLog {
    private static final String TYPES = "timestamptz, text, text, text, text, text, text, integer, text";

    /** One request of a person. */
    public record Entry(OffsetDateTime at, String actor, String roles, String method, String resource, String target,
                        String customerHmac, int status, String requestId) {
    }

    private record Pending(Entry entry, CompletableFuture<Void> written) {
    }

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final Vertx vertx;
    private final AuditConfig config;

    public AccessLog(Vertx vertx, AuditConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Stores {@code entry}; completes once it is committed, fails when it could not be. */
    public Uni<Void> record(Entry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        queue.add(pending);
        writeSoon();
        return Uni.createFrom().completionStage(pending.written());
    }

    private void writeSoon() {
        if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < config.batchSize() && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            Ticker.onOwnContext(vertx, () -> insert(batch)).subscribe().with(
                    ignored -> settle(batch, null),
                    failure -> settle(batch, failure));
        }
    }

    private void settle(List<Pending> batch, Throwable failure) {
        writing.set(false);
        writeSoon();
        batch.forEach(pending -> {
            if (failure == null) {
                pending.written().complete(null);
            } else {
                pending.written().completeExceptionally(failure);
            }
        });
    }

    private Uni<Void> insert(List<Pending> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = batch.stream().map(Pending::entry).map(e -> new Object[]{e.at(), e.actor(), e.roles(),
                e.method(), e.resource(), e.target(), e.customerHmac(), e.status(), e.requestId()}).toList();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> MultiRowStatement.of(
                "insert into platform_access_log (at, actor, roles, method, resource, target, customer_hmac, status,"
                        + " request_id) select * from", TYPES, rows, "").executeUpdate(session))).replaceWithVoid();
    }
}
