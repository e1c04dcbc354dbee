package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Timeline entries, read newest first with keyset (cursor) paging. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    /**
     * Filters of a timeline read; null or empty means "any".
     *
     * @param after keyset position: entries strictly older than it
     */
    public record Query(String customerId, List<String> types, String source, String channel,
                        OffsetDateTime from, OffsetDateTime to, Position after, int limit) {
    }

    /** A place in the newest-first order. */
    public record Position(OffsetDateTime occurredAt, long seq) {
    }

    public Uni<List<TimelineEntry>> page(Query query) {
        StringBuilder where = new StringBuilder("customerId = :customerId");
        Parameters parameters = Parameters.with("customerId", query.customerId());
        if (query.types() != null && !query.types().isEmpty()) {
            where.append(" and type in :types");
            parameters.and("types", new ArrayList<>(query.types()));
        }
        if (query.source() != null) {
            where.append(" and eventSource = :source");
            parameters.and("source", query.source());
        }
        if (query.channel() != null) {
            where.append(" and channel = :channel");
            parameters.and("channel", query.channel());
        }
        if (query.from() != null) {
            where.append(" and occurredAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and occurredAt < :to");
            parameters.and("to", query.to());
        }
        if (query.after() != null) {
            where.append(" and (occurredAt < :afterTime or (occurredAt = :afterTime and seq < :afterSeq))");
            parameters.and("afterTime", query.after().occurredAt()).and("afterSeq", query.after().seq());
        }
        return find(where + " order by occurredAt desc, seq desc", parameters).range(0, query.limit() - 1).list();
    }
}
