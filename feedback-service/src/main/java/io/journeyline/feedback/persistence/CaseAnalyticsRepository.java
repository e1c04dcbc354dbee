package io.journeyline.feedback.persistence;

import io.journeyline.feedback.domain.analytics.CaseAnalytics;
import io.journeyline.feedback.domain.analytics.CaseAnalytics.Cell;
import io.journeyline.feedback.domain.analytics.CaseAnalytics.Recovery;
import io.journeyline.feedback.domain.analytics.CaseAnalytics.SlaCompliance;
import io.journeyline.feedback.domain.analytics.CaseAnalytics.Timing;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** The aggregates behind {@link CaseAnalytics}, each one query over the cases opened in [from, to). */
@ApplicationScoped
public class CaseAnalyticsRepository {
    private static final String IN_PERIOD = "c.opened_at >= ?1 and c.opened_at < ?2";

    public Uni<CaseAnalytics> analytics(OffsetDateTime from, OffsetDateTime to) {
        return cells(from, to).chain(cells -> recovery(from, to).chain(recovery -> sla(from, to)
                .chain(sla -> timings(from, to).map(timings -> new CaseAnalytics(from, to,
                        cells.stream().mapToLong(Cell::n).sum(), cells,
                        recovery.stream().filter(r -> r.rootCause() != null).toList(),
                        total(recovery), sla, timings.get(0), timings.get(1))))));
    }

    private Uni<List<Cell>> cells(OffsetDateTime from, OffsetDateTime to) {
        return rows("""
                select c.root_cause, c.touchpoint, c.category, count(*) from cases c where %s
                group by 1, 2, 3 order by 4 desc, 1 nulls last, 2 nulls last, 3 nulls last""".formatted(IN_PERIOD), from, to)
                .map(rows -> rows.stream().map(r -> new Cell((String) r[0], (String) r[1], (String) r[2], count(r[3])))
                        .toList());
    }

    private Uni<List<Recovery>> recovery(OffsetDateTime from, OffsetDateTime to) {
        return rows("""
                select c.root_cause,
                       count(*) filter (where c.outcome = 'RECOVERED'),
                       count(*) filter (where c.outcome = 'NOT_RECOVERED'),
                       count(*) filter (where c.outcome = 'NOT_VERIFIED'),
                       count(*) filter (where c.status <> 'CLOSED')
                from cases c where %s and c.root_cause is not null group by 1 order by 1""".formatted(IN_PERIOD), from, to)
                .map(rows -> rows.stream().map(r -> Recovery.of((String) r[0], count(r[1]), count(r[2]), count(r[3]),
                        count(r[4]))).toList());
    }

    private static Recovery total(List<Recovery> byRootCause) {
        return Recovery.of(null, byRootCause.stream().mapToLong(Recovery::recovered).sum(),
                byRootCause.stream().mapToLong(Recovery::notRecovered).sum(),
                byRootCause.stream().mapToLong(Recovery::notVerified).sum(),
                byRootCause.stream().mapToLong(Recovery::awaiting).sum());
    }

    private Uni<List<SlaCompliance>> sla(OffsetDateTime from, OffsetDateTime to) {
        return rows("""
                select s.clock,
                       count(*) filter (where s.stopped and not s.breached),
                       count(*) filter (where s.breached),
                       count(*) filter (where not s.stopped and not s.breached)
                from case_sla s join cases c on c.id = s.case_id where %s group by 1 order by 1""".formatted(IN_PERIOD),
                from, to)
                .map(rows -> rows.stream().map(r -> SlaCompliance.of((String) r[0], count(r[1]), count(r[2]),
                        count(r[3]))).toList());
    }

    /** Time to acknowledge: opening to the first acknowledgement; to resolve: opening to the last resolution. */
    private Uni<List<Timing>> timings(OffsetDateTime from, OffsetDateTime to) {
        return rows("""
                with reached as (
                    select c.opened_at,
                           min(h.at) filter (where h.action = 'acknowledge') as acknowledged,
                           max(h.at) filter (where h.action = 'resolve') as resolved
                    from cases c left join case_history h on h.case_id = c.id
                    where %s group by c.id, c.opened_at)
                select count(acknowledged),
                       percentile_cont(0.5) within group (order by extract(epoch from acknowledged - opened_at)),
                       count(resolved),
                       percentile_cont(0.5) within group (order by extract(epoch from resolved - opened_at))
                from reached""".formatted(IN_PERIOD), from, to)
                .map(rows -> {
                    Object[] r = rows.get(0);
                    return List.of(Timing.of(count(r[0]), seconds(r[1])), Timing.of(count(r[2]), seconds(r[3])));
                });
    }

    private static Uni<List<Object[]>> rows(String sql, OffsetDateTime from, OffsetDateTime to) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList());
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static Double seconds(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
