package io.journeyline.education.persistence;

import io.journeyline.education.domain.analytics.Completion;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/** Completion figures straight from the assignments table, one grouped query per report (native SQL). */
@ApplicationScoped
public class CompletionRepository {

    /**
     * Assignments made in [from, to), grouped by {@code by} (one of {@link Completion#DIMENSIONS}; null: one group,
     * "all"); {@code period} is the bucket for {@code by=period}.
     */
    public Uni<List<Completion.Group>> groups(OffsetDateTime from, OffsetDateTime to, String by, String period) {
        if (!Completion.PERIODS.contains(period)) {
            throw new IllegalArgumentException("no period " + period);
        }
        String key = switch (by == null ? "all" : by) {
            case "all" -> "'all'";
            case "content" -> "content_id";
            case "path" -> "path_id";
            case "rule" -> "coalesce(rule_id, reason)";
            case "stage" -> "coalesce(stage, 'UNKNOWN')";
            case "period" -> "to_char(date_trunc('" + period + "', assigned_at at time zone 'UTC'), 'YYYY-MM-DD')";
            default -> throw new IllegalArgumentException("no dimension " + by);
        };
        String only = switch (by == null ? "all" : by) {
            case "content" -> " and content_id is not null";
            case "path" -> " and path_id is not null";
            default -> "";
        };
        return Panache.getSession().chain(session -> session.createNativeQuery("select " + key + " as k,\n"
                        + """
                        count(*),
                        count(*) filter (where status = 'COMPLETED'),
                        count(*) filter (where status = 'DROPPED_OUT'),
                        percentile_cont(0.5) within group (order by extract(epoch from completed_at - assigned_at))
                            filter (where status = 'COMPLETED')
                        from assignments
                        where status not in ('HELD_OUT', 'SUPPRESSED') and assigned_at >= ?1 and assigned_at < ?2
                        """ + only + "\ngroup by k order by k", Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList())
                .map(rows -> rows.stream().map(r -> Completion.Group.of((String) r[0], ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                        r[4] == null ? null : ((Number) r[4]).doubleValue())).toList());
    }
}
