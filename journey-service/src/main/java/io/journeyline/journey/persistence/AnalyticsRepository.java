package io.journeyline.journey.persistence;

import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.journey.domain.analytics.Funnel;
import io.journeyline.journey.domain.analytics.RuleFigures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The touchpoint and funnel reports' figures, each one grouped query over what journey-service holds (native SQL). */
@ApplicationScoped
public class AnalyticsRepository {

    /**
     * A touchpoint (channel null) or one of its channels: events, customers, failed events, and customers with a pain
     * point about the touchpoint detected in the period.
     */
    public record TouchpointRow(String touchpoint, String channel, long volume, long customers, long failures,
                                long customersWithPainPoint) {
    }

    /** The mean and sample variance of one survey kind's headline scores tied to a touchpoint. */
    public record SurveyRow(String touchpoint, String kind, long n, Double mean, Double variance) {
    }

    public Uni<List<TouchpointRow>> touchpoints(OffsetDateTime from, OffsetDateTime to) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with used as (
                            select t.touchpoint, t.channel, t.customer_id,
                                cast(t.data as jsonb) ->> 'outcome' = 'failure'
                                    or cast(t.data as jsonb) ->> 'action' = 'error' as failed
                            from timeline_entries t
                            where t.type = 'io.journeyline.touchpoint.recorded' and t.touchpoint is not null
                              and t.occurred_at >= ?1 and t.occurred_at < ?2
                        ), hurt as (
                            select distinct p.customer_id, p.touchpoint from pain_points p
                            where p.touchpoint is not null and not p.shadow and p.detected_at >= ?1 and p.detected_at < ?2
                        )
                        select u.touchpoint, case when grouping(u.channel) = 1 then null else u.channel end,
                            count(*), count(distinct u.customer_id), count(*) filter (where u.failed),
                            count(distinct u.customer_id) filter (where h.customer_id is not null)
                        from used u left join hurt h on h.customer_id = u.customer_id and h.touchpoint = u.touchpoint
                        group by grouping sets ((u.touchpoint), (u.touchpoint, u.channel))
                        order by u.touchpoint, grouping(u.channel) desc, count(*) desc""", Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList())
                .map(rows -> rows.stream().map(r -> new TouchpointRow((String) r[0], (String) r[1], count(r[2]),
                        count(r[3]), count(r[4]), count(r[5]))).toList());
    }

    public Uni<List<SurveyRow>> surveysByTouchpoint(OffsetDateTime from, OffsetDateTime to) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select d ->> 'touchpoint', d ->> 'surveyKind', count(*),
                            avg(cast(d -> 'scores' ->> 'primary' as double precision)),
                            var_samp(cast(d -> 'scores' ->> 'primary' as double precision))
                        from (select cast(data as jsonb) as d from timeline_entries
                              where type = 'io.journeyline.survey.responded' and occurred_at >= ?1 and occurred_at < ?2) s
                        where d ->> 'touchpoint' is not null and d -> 'scores' ->> 'primary' is not null
                        group by 1, 2""", Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList())
                .map(rows -> rows.stream().map(r -> new SurveyRow((String) r[0], (String) r[1], count(r[2]),
                        decimal(r[3]), decimal(r[4]))).toList());
    }

    /** The customers first seen in [from, to): how many, and how many got furthest to each main-path stage. */
    public record Cohort(long size, Map<Integer, Long> furthest, Map<Stage, Long> sideStates) {
    }

    public Uni<Cohort> cohort(OffsetDateTime from, OffsetDateTime to) {
        StringBuilder index = new StringBuilder("case sc.to_stage");
        for (int i = 0; i < Funnel.MAIN_PATH.size(); i++) {
            index.append(" when '").append(Funnel.MAIN_PATH.get(i).name()).append("' then ").append(i);
        }
        index.append(" end");
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with cohort as (select id from customers where first_seen_at >= ?1 and first_seen_at < ?2)
                        select coalesce(f.furthest, -1), count(*) from (
                            select c.id, max(%s) as furthest
                            from cohort c left join stage_changes sc on sc.customer_id = c.id group by c.id) f
                        group by 1""".formatted(index), Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList()
                .chain(furthest -> session.createNativeQuery("""
                                select sc.to_stage, count(distinct sc.customer_id) from stage_changes sc
                                join customers c on c.id = sc.customer_id
                                where c.first_seen_at >= ?1 and c.first_seen_at < ?2 and sc.to_stage in (?3)
                                group by 1""", Object[].class)
                        .setParameter(1, from).setParameter(2, to)
                        .setParameter(3, Funnel.SIDE_STATES.stream().map(Stage::name).toList()).getResultList()
                        .map(sides -> {
                            Map<Integer, Long> byIndex = new HashMap<>();
                            furthest.forEach(r -> byIndex.put(((Number) r[0]).intValue(), count(r[1])));
                            return new Cohort(byIndex.values().stream().mapToLong(Long::longValue).sum(), byIndex,
                                    sides.stream().collect(Collectors.toMap(r -> Stage.valueOf((String) r[0]),
                                            r -> count(r[1]))));
                        })));
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /** Per rule and version, the pain points detected in {@code [from, to)} and how they ended. */
    public Uni<List<RuleFigures.Row>> ruleRows(OffsetDateTime from, OffsetDateTime to) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with detected as (
                            select * from pain_points where detected_at >= ?1 and detected_at < ?2
                        ), recurring as (
                            select rule_id, rule_version, count(*) as customers from (
                                select rule_id, rule_version, customer_id from detected where customer_id is not null
                                group by rule_id, rule_version, customer_id having count(*) > 1) r
                            group by rule_id, rule_version
                        )
                        select d.rule_id, d.rule_version, d.shadow, count(*), count(distinct d.customer_id),
                            count(*) filter (where d.status = 'RESOLVED'), count(*) filter (where d.status = 'DISMISSED'),
                            count(*) filter (where d.status in ('OPEN', 'ACKNOWLEDGED')),
                            coalesce(max(r.customers), 0),
                            percentile_cont(0.5) within group (order by extract(epoch from d.status_changed_at - d.detected_at))
                                filter (where d.status = 'RESOLVED')
                        from detected d left join recurring r on r.rule_id = d.rule_id and r.rule_version = d.rule_version
                        group by d.rule_id, d.rule_version, d.shadow order by d.rule_id, d.rule_version, d.shadow""",
                        Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList())
                .map(rows -> rows.stream().map(r -> new RuleFigures.Row((String) r[0], ((Number) r[1]).intValue(),
                        (Boolean) r[2], ((Number) r[3]).longValue(), ((Number) r[4]).longValue(),
                        ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), ((Number) r[7]).longValue(),
                        ((Number) r[8]).longValue(), r[9] == null ? null : ((Number) r[9]).doubleValue())).toList());
    }

    /**
     * Per rule and version of the pain points detected in {@code [from, to)}: their interventions by outcome ({@code SENT}
     * or the guard that suppressed them), and their resolutions by kind.
     */
    public Uni<List<RuleFigures.Count>> ruleCounts(OffsetDateTime from, OffsetDateTime to, boolean interventions) {
        String sql = interventions ? """
                select p.rule_id, p.rule_version, p.shadow, coalesce(i.suppressed_by, i.status), count(*)
                from pain_points p join interventions i on i.pain_point_id = p.id
                where p.detected_at >= ?1 and p.detected_at < ?2
                group by 1, 2, 3, 4 order by 1, 2, 3, 4""" : """
                select rule_id, rule_version, shadow, resolution, count(*) from pain_points
                where detected_at >= ?1 and detected_at < ?2 and status = 'RESOLVED' and resolution is not null
                group by 1, 2, 3, 4 order by 1, 2, 3, 4""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList())
                .map(rows -> rows.stream().map(r -> new RuleFigures.Count((String) r[0], ((Number) r[1]).intValue(),
                        (Boolean) r[2], (String) r[3], ((Number) r[4]).longValue())).toList());
    }
}
