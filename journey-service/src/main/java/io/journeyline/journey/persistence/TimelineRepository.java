package io.journeyline.journey.persistence;

import io.journeyline.contract.vocabulary.SurveyKind;
import io.journeyline.journey.domain.TimelineEntry;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.NativeSelect;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

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

    /**
     * One page of the timeline of these customers (a customer and those linked to it), newest first. Each customer's
     * entries are walked newest first through an index — {@code (customer_id, occurred_at, seq)}, or with a type filter
     * {@code (customer_id, type, occurred_at, seq)} once per type — and stop at the page's size; the page is the newest
     * of those few. So a page costs at most (customers × types × limit) index entries, however long the histories are:
     * PostgreSQL's plan for {@code customer_id in (…) order by … limit n} reads and sorts the whole group instead.
     * Filters by source and channel are checked on the walk, so a rare source costs the entries skipped to find it.
     */
    public Uni<List<TimelineEntry>> page(Query query, List<String> members) {
        return pageSelect(query, members).list(TimelineEntry.class);
    }

    /** The statement {@link #page} runs. */
    static NativeSelect pageSelect(Query query, List<String> members) {
        List<Object> values = new ArrayList<>();
        values.add(SqlArrays.of(members));
        StringBuilder sql = new StringBuilder("select e.* from unnest(cast(cast(?1 as text) as text[])) as m (customer_id)");
        StringBuilder where = new StringBuilder("t.customer_id = m.customer_id");
        if (query.types() != null && !query.types().isEmpty()) {
            values.add(SqlArrays.of(new TreeSet<>(query.types())));
            sql.append(" cross join unnest(cast(cast(?2 as text) as text[])) as k (type)");
            where.append(" and t.type = k.type");
        }
        condition(where, values, " and t.event_source = ?", query.source());
        condition(where, values, " and t.channel = ?", query.channel());
        condition(where, values, " and t.occurred_at >= ?", query.from());
        condition(where, values, " and t.occurred_at < ?", query.to());
        if (query.after() != null) {
            values.add(query.after().occurredAt());
            values.add(query.after().seq());
            where.append(" and (t.occurred_at, t.seq) < (?").append(values.size() - 1).append(", ?").append(values.size())
                    .append(")");
        }
        String order = " order by %1$s.occurred_at desc, %1$s.seq desc limit " + query.limit();
        sql.append(" cross join lateral (select * from timeline_entries t where ").append(where)
                .append(order.formatted("t")).append(") e").append(order.formatted("e"));
        return new NativeSelect(sql.toString(), values);
    }

    private static void condition(StringBuilder where, List<Object> values, String sql, Object value) {
        if (value != null) {
            values.add(value);
            where.append(sql).append(values.size());
        }
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

    /**
     * These customers' latest survey answer of each kind (NPS, CSAT, CES, CUSTOM) with its primary score (null when the
     * answer had none): kind → (score, time). One probe of {@code timeline_entries_latest_scores} per customer and kind,
     * however many answers they gave.
     */
    public Uni<List<Object[]>> latestScores(List<String> customerIds) {
        return latestScoresSelect(customerIds).list(Object[].class);
    }

    /** The statement {@link #latestScores} runs. */
    static NativeSelect latestScoresSelect(List<String> customerIds) {
        return new NativeSelect("""
                select distinct on (s.kind) s.kind, s.score, s.occurred_at from (
                    select k.kind, latest.score, latest.occurred_at, latest.seq
                    from unnest(cast(cast(?1 as text) as text[])) as m (customer_id)
                    cross join unnest(cast(cast(?2 as text) as text[])) as k (kind)
                    cross join lateral (
                        select (data::jsonb -> 'scores' ->> 'primary')::float8 as score, occurred_at, seq
                        from timeline_entries
                        where customer_id = m.customer_id and type = 'io.journeyline.survey.responded'
                            and data::jsonb ->> 'surveyKind' = k.kind
                        order by occurred_at desc, seq desc limit 1) latest) s
                order by s.kind, s.occurred_at desc, s.seq desc""", List.of(SqlArrays.of(customerIds),
                SqlArrays.of(Arrays.stream(SurveyKind.values()).map(SurveyKind::wire).toList())));
    }
}
