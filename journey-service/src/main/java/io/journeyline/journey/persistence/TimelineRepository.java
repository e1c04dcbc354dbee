package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.TimelineEntry;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** One page of the timeline of these customers (a customer and those linked to it), newest first. */
    public Uni<List<TimelineEntry>> page(Query query, List<String> members) {
        return page(query, "customerId in :members", Parameters.with("members", members));
    }

    /**
     * Inserts entries with multi-row statements (no managed entities: a batch's later statements would otherwise
     * dirty-check every one of them before each query). {@code seq} comes from the table's sequence.
     */
    public Uni<Void> insert(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = entries.stream().map(e -> new Object[]{e.customerId, e.eventSource, e.eventId, e.type,
                e.occurredAt, e.channel, e.touchpoint, e.summary, e.data, e.extensions, e.recordedAt}).toList();
        return Transactions.inCallersTransaction("TimelineRepository.insert", session -> MultiRowStatement.of("""
                insert into timeline_entries (customer_id, event_source, event_id, type, occurred_at, channel, touchpoint,
                    summary, data, extensions, recorded_at) select * from""",
                "text, text, text, text, timestamptz, text, text, text, text, text, timestamptz", rows, "")
                .executeUpdate(session)).replaceWithVoid();
    }


    /** A place in the newest-first order. */
    public record Position(OffsetDateTime occurredAt, long seq) {
    }

    private Uni<List<TimelineEntry>> page(Query query, String customers, Parameters parameters) {
        StringBuilder where = new StringBuilder(customers);
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

    /** These customers' latest survey score of each kind (NPS, CSAT, CES, CUSTOM): kind → (score, time). */
    public Uni<List<Object[]>> latestScores(List<String> customerIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select distinct on (data::jsonb ->> 'surveyKind') data::jsonb ->> 'surveyKind',
                            (data::jsonb -> 'scores' ->> 'primary')::float8, occurred_at
                        from timeline_entries
                        where customer_id in (?1) and type = 'io.journeyline.survey.responded'
                        order by data::jsonb ->> 'surveyKind', occurred_at desc, seq desc""", Object[].class)
                .setParameter(1, customerIds).getResultList());
    }

    /** How many contacts (touchpoints with action contact) these customers made per topic since {@code since}. */
    public Uni<Map<String, Long>> contactsByTopic(List<String> customerIds, OffsetDateTime since) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce(data::jsonb ->> 'topic', '(no topic)'), count(*) from timeline_entries
                        where customer_id in (?1) and type = 'io.journeyline.touchpoint.recorded' and occurred_at >= ?2
                            and data::jsonb ->> 'action' = 'contact'
                        group by 1 order by 1""", Object[].class)
                .setParameter(1, customerIds).setParameter(2, since).getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new TreeMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }
}
