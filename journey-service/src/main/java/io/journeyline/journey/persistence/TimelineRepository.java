package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.TimelineEntry;
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

    /** A customer's latest survey score of each kind (NPS, CSAT, CES, CUSTOM): kind → (score, time). */
    public Uni<List<Object[]>> latestScores(String customerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select distinct on (data::jsonb ->> 'surveyKind') data::jsonb ->> 'surveyKind',
                            (data::jsonb -> 'scores' ->> 'primary')::float8, occurred_at
                        from timeline_entries
                        where customer_id = ?1 and type = 'io.journeyline.survey.responded'
                        order by data::jsonb ->> 'surveyKind', occurred_at desc, seq desc""", Object[].class)
                .setParameter(1, customerId).getResultList());
    }

    /** How many contacts (touchpoints with action contact) a customer made per topic since {@code since}. */
    public Uni<Map<String, Long>> contactsByTopic(String customerId, OffsetDateTime since) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce(data::jsonb ->> 'topic', '(no topic)'), count(*) from timeline_entries
                        where customer_id = ?1 and type = 'io.journeyline.touchpoint.recorded' and occurred_at >= ?2
                            and data::jsonb ->> 'action' = 'contact'
                        group by 1 order by 1""", Object[].class)
                .setParameter(1, customerId).setParameter(2, since).getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new TreeMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }
}
