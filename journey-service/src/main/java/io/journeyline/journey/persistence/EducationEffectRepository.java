package io.journeyline.journey.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The customers of the education-effect comparison, read from what journey-service already holds: education-service's
 * decisions on the timeline ({@code education.assigned} = treated, {@code education.held-out} = held out) joined to
 * the intervention and pain point they answer; per customer, whether a pain point of the same rule and key came back
 * within the window, and their CSAT and NPS answers in the window before and after (native SQL).
 */
@ApplicationScoped
public class EducationEffectRepository {

    /**
     * One customer in one arm for one rule: the first education decision on that rule in the period, anchored at the
     * pain point's detection (event time). {@code closed}: the window after it has passed (only those are compared).
     * Means of the survey scores are null without answers.
     */
    public record Member(String customerId, String ruleId, String topic, OffsetDateTime anchor, boolean heldOut,
                         String content, boolean closed, boolean recurred, Double csatBefore, Double csatAfter,
                         Double npsBefore, Double npsAfter) {
    }

    public Uni<List<Member>> members(OffsetDateTime from, OffsetDateTime to, Duration window, OffsetDateTime now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with decisions as (
                            select distinct on (p.customer_id, p.rule_id)
                                p.customer_id, p.rule_id, p.topic, p.state_key, p.detected_at as anchor,
                                t.type = 'io.journeyline.education.held-out' as held_out,
                                coalesce(cast(t.data as jsonb) ->> 'contentId', cast(t.data as jsonb) ->> 'pathId') as content
                            from timeline_entries t
                            join interventions i on i.id = cast(t.data as jsonb) ->> 'interventionId'
                            join pain_points p on p.id = i.pain_point_id
                            where t.type in ('io.journeyline.education.assigned', 'io.journeyline.education.held-out')
                              and p.detected_at >= ?1 and p.detected_at < ?2 and not p.shadow
                            order by p.customer_id, p.rule_id, p.detected_at, t.occurred_at
                        )
                        select d.customer_id, d.rule_id, d.topic, d.anchor, d.held_out, d.content,
                            d.anchor + cast(?4 as bigint) * interval '1 second' <= ?3,
                            exists (select 1 from pain_points r where r.customer_id = d.customer_id
                                and r.rule_id = d.rule_id and r.state_key = d.state_key and not r.shadow
                                and r.detected_at > d.anchor and r.detected_at <= d.anchor + cast(?4 as bigint) * interval '1 second'),
                            a.csat_before, a.csat_after, a.nps_before, a.nps_after
                        from decisions d
                        left join lateral (
                            select avg(score) filter (where kind = 'CSAT' and occurred_at < d.anchor) as csat_before,
                                avg(score) filter (where kind = 'CSAT' and occurred_at > d.anchor) as csat_after,
                                avg(score) filter (where kind = 'NPS' and occurred_at < d.anchor) as nps_before,
                                avg(score) filter (where kind = 'NPS' and occurred_at > d.anchor) as nps_after
                            from (select s.occurred_at, cast(s.data as jsonb) ->> 'surveyKind' as kind,
                                      cast(cast(s.data as jsonb) -> 'scores' ->> 'primary' as double precision) as score
                                  from timeline_entries s
                                  where s.customer_id = d.customer_id and s.type = 'io.journeyline.survey.responded'
                                    and s.occurred_at >= d.anchor - cast(?4 as bigint) * interval '1 second'
                                    and s.occurred_at <= d.anchor + cast(?4 as bigint) * interval '1 second') answers
                        ) a on true
                        order by d.anchor, d.customer_id""", Object[].class)
                .setParameter(1, from).setParameter(2, to).setParameter(3, now)
                .setParameter(4, window.toSeconds()).getResultList())
                .map(rows -> rows.stream().map(r -> new Member((String) r[0], (String) r[1], (String) r[2],
                        (OffsetDateTime) r[3], (Boolean) r[4], (String) r[5], (Boolean) r[6], (Boolean) r[7],
                        number(r[8]), number(r[9]), number(r[10]), number(r[11]))).toList());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
