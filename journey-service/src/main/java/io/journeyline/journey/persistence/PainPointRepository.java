package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.PainPoint;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.NativeSelect;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pain points and their evidence: written set-based by rule evaluation, read by the worklist. */
@ApplicationScoped
public class PainPointRepository implements PanacheRepositoryBase<PainPoint, String> {

    /** One piece of evidence: an event of a customer. */
    public record Evidence(String painPointId, String eventId, OffsetDateTime occurredAt, String customerId) {
    }

    /** Inserts the pain points that do not exist yet; the ids of those it inserted. */
    public Uni<Set<String>> insertNew(List<PainPoint> painPoints) {
        if (painPoints.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Object[]> rows = painPoints.stream().map(p -> new Object[]{p.id, p.customerId, p.ruleId, p.ruleVersion,
                p.ruleSetVersion, p.shadow, p.status, p.severity, p.stateKey, p.topic, p.touchpoint, p.detectedAt,
                p.recordedAt}).toList();
        return Transactions.inCallersTransaction("PainPointRepository.insertNew", session -> MultiRowStatement.of("""
                        insert into pain_points (id, customer_id, rule_id, rule_version, rule_set_version, shadow, status,
                            severity, state_key, topic, touchpoint, detected_at, recorded_at) select * from""",
                "text, text, text, integer, integer, boolean, text, text, text, text, text, timestamptz, timestamptz",
                rows,
                "on conflict (id) do nothing returning id").getResultList(session, String.class))
                .map(HashSet::new);
    }

    public Uni<Void> addEvidence(List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = evidence.stream()
                .map(e -> new Object[]{e.painPointId(), e.eventId(), e.occurredAt(), e.customerId()}).toList();
        return Transactions.inCallersTransaction("PainPointRepository.addEvidence", session -> MultiRowStatement.of(
                "insert into pain_point_evidence (pain_point_id, event_id, occurred_at, customer_id) select * from",
                "text, text, timestamptz, text", rows,
                "on conflict do nothing").executeUpdate(session)).replaceWithVoid();
    }

    /** Evidence event ids of each pain point, in event-time order. */
    public Uni<Map<String, List<String>>> evidence(List<String> painPointIds) {
        if (painPointIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select pain_point_id, event_id from pain_point_evidence where pain_point_id in (?1)
                        order by pain_point_id, occurred_at, event_id""", Object[].class)
                .setParameter(1, painPointIds).getResultList())
                .map(rows -> {
                    Map<String, List<String>> byPainPoint = new HashMap<>();
                    for (Object[] row : rows) {
                        byPainPoint.computeIfAbsent((String) row[0], id -> new ArrayList<>()).add((String) row[1]);
                    }
                    return byPainPoint;
                });
    }

    /**
     * Whose each of these pain points is, by id (unknown ids left out): its customer's, or — for a content gap, which has
     * no customer — the customers whose events are its evidence.
     */
    public Uni<Map<String, Set<String>>> owners(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select p.id, coalesce(p.customer_id, e.customer_id) from pain_points p
                        left join pain_point_evidence e on p.customer_id is null and e.pain_point_id = p.id
                        where p.id in (?1)""", Object[].class)
                .setParameter(1, ids).getResultList())
                .map(rows -> {
                    Map<String, Set<String>> owners = new HashMap<>();
                    for (Object[] row : rows) {
                        Set<String> customers = owners.computeIfAbsent((String) row[0], id -> new HashSet<>());
                        if (row[1] != null) {
                            customers.add((String) row[1]);
                        }
                    }
                    return owners;
                });
    }

    /** Those of these pain points still OPEN or ACKNOWLEDGED (not shadow candidates), as managed entities. */
    public Uni<List<PainPoint>> openOnes(List<String> ids) {
        return list("id in ?1 and status in ('OPEN', 'ACKNOWLEDGED')", ids);
    }

    /** Those of these pain points whose signal came back: a later pain point of the same rule, customer and key. */
    public Uni<Set<String>> recurred(List<String> ids) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select distinct p.id from pain_points p join pain_points later
                            on later.customer_id = p.customer_id and later.rule_id = p.rule_id
                            and later.state_key = p.state_key and later.detected_at > p.detected_at
                        where p.id in (?1)""", String.class)
                .setParameter(1, ids).getResultList()).map(HashSet::new);
    }

    /**
     * Worklist filters; null means any. {@code after} is the keyset position (detected_at, id) of the previous page's
     * last item.
     */
    public record Query(List<String> customerIds, List<String> statuses, String ruleId, String severity, String topic,
                        String touchpoint, OffsetDateTime since, OffsetDateTime afterTime, String afterId, int limit,
                        boolean includeShadow) {
    }

    /**
     * These customers' open (OPEN or ACKNOWLEDGED, not shadow) pain points, newest first, at most {@code limit}: each
     * customer's walked through {@code pain_points_open_by_customer} (V12), which holds only the open ones, so a long
     * past of closed pain points costs nothing.
     */
    public Uni<List<PainPoint>> openOf(List<String> customerIds, int limit) {
        return new NativeSelect("""
                select p.* from unnest(cast(cast(?1 as text) as text[])) as m (customer_id)
                cross join lateral (select * from pain_points where customer_id = m.customer_id
                    and status in ('OPEN', 'ACKNOWLEDGED') and not shadow
                    order by detected_at desc, id desc limit ?2) p
                order by p.detected_at desc, p.id desc limit ?2""", List.of(SqlArrays.of(customerIds), limit))
                .list(PainPoint.class);
    }

    /** Newest first by detection time. */
    public Uni<List<PainPoint>> page(Query query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (query.customerIds() != null) {
            where.append(" and customerId in :customerIds");
            parameters.and("customerIds", query.customerIds());
        }
        if (query.statuses() != null && !query.statuses().isEmpty()) {
            where.append(" and status in :statuses");
            parameters.and("statuses", query.statuses());
        }
        if (!query.includeShadow()) {
            where.append(" and shadow = false");
        }
        equal(where, parameters, "ruleId", query.ruleId());
        equal(where, parameters, "severity", query.severity());
        equal(where, parameters, "topic", query.topic());
        equal(where, parameters, "touchpoint", query.touchpoint());
        if (query.since() != null) {
            where.append(" and detectedAt >= :since");
            parameters.and("since", query.since());
        }
        if (query.afterTime() != null) {
            where.append(" and (detectedAt < :afterTime or (detectedAt = :afterTime and id < :afterId))");
            parameters.and("afterTime", query.afterTime()).and("afterId", query.afterId());
        }
        return find(where + " order by detectedAt desc, id desc", parameters).range(0, query.limit() - 1).list();
    }

    private static void equal(StringBuilder where, Parameters parameters, String field, String value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
    }
}
