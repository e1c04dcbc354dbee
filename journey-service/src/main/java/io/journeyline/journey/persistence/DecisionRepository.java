package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.SqlArrays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** What "why was I contacted?" reads: a customer's interventions with their pain points, evidence, stages, echoes. */
@ApplicationScoped
public class DecisionRepository {

    /** An intervention and its pain point, and whether the same signal came back later (another pain point). */
    public record Decided(String interventionId, String painPointId, String ruleId, int ruleVersion, String type,
                          String topic, String status, String suppressedBy, String reason, OffsetDateTime decidedAt,
                          String severity, String painPointStatus, String resolution, boolean recurred) {
    }

    /** One piece of evidence as the timeline has it (type and summary null when the event is no longer there). */
    public record Evidence(String painPointId, String eventId, OffsetDateTime occurredAt, String type, String summary) {
    }

    /** An event of the customer's timeline that says what a downstream service did (its data as JSON). */
    public record Echo(String type, OffsetDateTime occurredAt, String data) {
    }

    /** A stage the customer entered, and when. */
    public record StageEntered(String stage, OffsetDateTime at) {
    }

    public Uni<List<Decided>> decisions(String customerId, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select i.id, i.pain_point_id, i.rule_id, p.rule_version, i.type, i.topic, i.status, i.suppressed_by,
                               i.reason, i.decided_at, p.severity, p.status, p.resolution,
                               exists (select 1 from pain_points later where later.customer_id = p.customer_id
                                       and later.rule_id = p.rule_id and later.state_key = p.state_key
                                       and later.detected_at > p.detected_at)
                        from interventions i join pain_points p on p.id = i.pain_point_id
                        where i.customer_id = ?1 order by i.decided_at desc, i.id limit ?2""", Object[].class)
                .setParameter(1, customerId).setParameter(2, limit).getResultList())
                .map(rows -> rows.stream().map(r -> new Decided((String) r[0], (String) r[1], (String) r[2],
                        ((Number) r[3]).intValue(), (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                        (String) r[8], (OffsetDateTime) r[9], (String) r[10], (String) r[11], (String) r[12],
                        (Boolean) r[13])).toList());
    }

    /**
     * The evidence of these pain points with each event's type and summary from the timeline. An evidence row names its
     * event by id only, and the timeline's unique index is (event_source, event_id): each event is looked up once per
     * event source the timeline holds (a handful, {@link #sources}), never by reading the customer's history.
     */
    public Uni<List<Evidence>> evidence(String customerId, Collection<String> painPointIds) {
        return sources().chain(sources -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select e.pain_point_id, e.event_id, e.occurred_at, t.type, t.summary
                        from pain_point_evidence e
                        left join lateral (select type, summary from timeline_entries t
                            where t.event_source""" + " " + SqlArrays.anyOf(3, "text") + """
                                and t.event_id = e.event_id and t.customer_id = e.customer_id limit 1) t on true
                        where e.pain_point_id""" + " " + SqlArrays.anyOf(1, "text") + " and e.customer_id = ?2"
                        + " order by e.occurred_at, e.event_id", Object[].class)
                .setParameter(1, SqlArrays.of(painPointIds)).setParameter(2, customerId)
                .setParameter(3, SqlArrays.of(sources)).getResultList()))
                .map(rows -> rows.stream().map(r -> new Evidence((String) r[0], (String) r[1], (OffsetDateTime) r[2],
                        (String) r[3], (String) r[4])).toList());
    }

    /**
     * The event sources the timeline holds, read by hopping through the unique index from one source to the next (one
     * probe per source, not a scan of the table).
     */
    private Uni<List<String>> sources() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with recursive sources (source) as (
                            select min(event_source) from timeline_entries
                            union all
                            select (select min(event_source) from timeline_entries where event_source > source)
                            from sources where source is not null)
                        select source from sources where source is not null""", String.class).getResultList());
    }

    /** The customer's timeline events of {@code types} from {@code since} on. */
    public Uni<List<Echo>> echoes(String customerId, Collection<String> types, OffsetDateTime since) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select type, occurred_at, data from timeline_entries
                        where customer_id = ?1 and occurred_at >= ?3 and type""" + " " + SqlArrays.anyOf(2, "text")
                        + " order by occurred_at", Object[].class)
                .setParameter(1, customerId).setParameter(2, SqlArrays.of(types)).setParameter(3, since).getResultList())
                .map(rows -> rows.stream().map(r -> new Echo((String) r[0], (OffsetDateTime) r[1], (String) r[2])).toList());
    }

    /**
     * The stages the customer entered from {@code since} on, with the one it was in at {@code since}: what tells the
     * stage at each decision since then, without the stage changes of the customer's earlier years.
     */
    public Uni<List<StageEntered>> stages(String customerId, OffsetDateTime since) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select to_stage, changed_at from (
                            (select to_stage, changed_at from stage_changes where customer_id = ?1 and changed_at <= ?2
                             order by changed_at desc limit 1)
                            union all
                            (select to_stage, changed_at from stage_changes where customer_id = ?1 and changed_at > ?2)) s
                        order by changed_at""", Object[].class)
                .setParameter(1, customerId).setParameter(2, since).getResultList())
                .map(rows -> rows.stream().map(r -> new StageEntered((String) r[0], (OffsetDateTime) r[1])).toList());
    }
}
