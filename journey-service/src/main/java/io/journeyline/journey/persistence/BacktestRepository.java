package io.journeyline.journey.persistence;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.EventType;
import io.journeyline.contract.vocabulary.Stage;
import io.journeyline.journey.domain.backtest.Backtest.Known;
import io.journeyline.journey.domain.backtest.Backtest.KnownConsent;
import io.journeyline.journey.domain.backtest.Backtest.Recorded;
import io.journeyline.journey.domain.backtest.Backtest.StageStay;
import io.journeyline.journey.domain.interventions.InterventionGuards.Sent;
import io.journeyline.journey.domain.rules.RuleSetDocument.ActionType;
import io.journeyline.journey.service.TimelineService;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.persistence.SqlArrays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Backtests ({@code rule_backtests}) and what they read: the timelines in event-time order, what the guards knew of
 * a customer before the replay, the recorded stage stays and the pain points recorded live. Reads only, but for the
 * backtest's own row.
 */
@ApplicationScoped
public class BacktestRepository {

    /** A backtest as its status shows it. */
    public record Job(String id, String status, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime from,
                      OffsetDateTime to, String sample, long eventsTotal, long eventsReplayed, OffsetDateTime updatedAt,
                      OffsetDateTime finishedAt, String result, String failure, String document) {
    }

    public Uni<Void> insert(Job job, String document) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into rule_backtests (id, status, requested_by, requested_at, period_from, period_to, sample,
                            document, events_total, updated_at)
                        values (?1, 'RUNNING', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?3)""")
                .setParameter(1, job.id()).setParameter(2, job.requestedBy()).setParameter(3, job.requestedAt())
                .setParameter(4, job.from()).setParameter(5, job.to()).setParameter(6, job.sample())
                .setParameter(7, document).setParameter(8, job.eventsTotal()).executeUpdate())).replaceWithVoid();
    }

    /** Records progress; whether a cancellation was asked for meanwhile. */
    public Uni<Boolean> progress(String id, long replayed, OffsetDateTime now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        update rule_backtests set events_replayed = ?2, updated_at = ?3 where id = ?1
                        returning cancel_requested""", Boolean.class)
                .setParameter(1, id).setParameter(2, replayed).setParameter(3, now).getResultList()))
                .map(rows -> rows.isEmpty() || rows.get(0));
    }

    /** Ends a backtest: {@code DONE} with its report, {@code CANCELLED} or {@code FAILED} with why. */
    public Uni<Void> finish(String id, String status, String result, String failure, OffsetDateTime now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        update rule_backtests set status = ?2, result = ?3, failure = ?4, finished_at = ?5, updated_at = ?5
                        where id = ?1""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, result).setParameter(4, failure)
                .setParameter(5, now).executeUpdate())).replaceWithVoid();
    }

    /** Asks a running backtest to stop at its next page; false when there is no such backtest. */
    public Uni<Boolean> requestCancel(String id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "update rule_backtests set cancel_requested = true where id = ?1")
                .setParameter(1, id).executeUpdate())).map(updated -> updated > 0);
    }

    public Uni<Optional<Job>> find(String id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, status, requested_by, requested_at, period_from, period_to, sample, events_total,
                            events_replayed, updated_at, finished_at, result, failure, document
                        from rule_backtests where id = ?1""", Object[].class)
                .setParameter(1, id).getResultList()))
                .map(rows -> rows.stream().findFirst().map(r -> new Job((String) r[0], (String) r[1], (String) r[2],
                        (OffsetDateTime) r[3], (OffsetDateTime) r[4], (OffsetDateTime) r[5], (String) r[6],
                        ((Number) r[7]).longValue(), ((Number) r[8]).longValue(), (OffsetDateTime) r[9],
                        (OffsetDateTime) r[10], (String) r[11], (String) r[12], (String) r[13])));
    }

    /** Whether a finished backtest of this id exists (what an activation may name). */
    public Uni<Boolean> exists(String id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from rule_backtests where id = ?1", Long.class)
                .setParameter(1, id).getSingleResult()).map(count -> count > 0);
    }

    /** Which of these customers still exist (an erasure deletes the customer). */
    public Uni<Set<String>> existing(Set<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select id from customers where id = any(cast(cast(?1 as text) as text[]))", String.class)
                .setParameter(1, SqlArrays.of(customerIds)).getResultList())).map(Set::copyOf);
    }

    /** Timeline entries in {@code [from, to)}: what a backtest will read (its progress' total). */
    public Uni<Long> countEvents(OffsetDateTime from, OffsetDateTime to) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from timeline_entries where occurred_at >= ?1 and occurred_at < ?2", Long.class)
                .setParameter(1, from).setParameter(2, to).getSingleResult()));
    }

    /** A page of the timelines and where the next one starts. */
    public record Page(List<IncomingEvent> events, int rows, OffsetDateTime lastTime, long lastSeq) {
    }

    /**
     * Up to {@code limit} timeline entries in {@code [after, before)} after {@code (afterTime, afterSeq)}, in
     * event-time order, as the consumer received them. journey-service's own entries are left out (the backtest makes
     * its own), but for consent changes, which the guards read.
     */
    public Uni<Page> page(OffsetDateTime afterTime, long afterSeq, OffsetDateTime before, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select seq, event_source, event_id, type, occurred_at, customer_id, data from timeline_entries
                        where occurred_at >= ?1 and occurred_at < ?3 and (occurred_at, seq) > (?1, ?2)
                        order by occurred_at, seq limit ?4""", Object[].class)
                .setParameter(1, afterTime).setParameter(2, afterSeq).setParameter(3, before).setParameter(4, limit)
                .getResultList()))
                .map(rows -> {
                    List<IncomingEvent> events = new ArrayList<>(rows.size());
                    OffsetDateTime lastTime = afterTime;
                    long lastSeq = afterSeq;
                    for (Object[] row : rows) {
                        lastSeq = ((Number) row[0]).longValue();
                        lastTime = (OffsetDateTime) row[4];
                        String source = (String) row[1];
                        Optional<EventType> type = EventType.fromType((String) row[3]);
                        if (type.isEmpty() || TimelineService.OWN_SOURCE.equals(source)
                                && type.get() != EventType.CUSTOMER_CONSENT_CHANGED) {
                            continue;
                        }
                        events.add(new IncomingEvent((String) row[2], source, type.get(), lastTime, (String) row[5],
                                data((String) row[6]), Map.of()));
                    }
                    return new Page(events, rows.size(), lastTime, lastSeq);
                });
    }

    private static ObjectNode data(String json) {
        try {
            return (ObjectNode) EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the guards knew of these customers: interventions sent in {@code [sentSince, periodStart)}, the cases open
     * at {@code replayStart} (the latest of each case's opened / reopened / closed events in their timeline before it
     * is not a closing), and their consents (for every channel) as they are now.
     */
    public Uni<Map<String, Known>> known(Set<String> customers, OffsetDateTime periodStart, OffsetDateTime sentSince,
                                         OffsetDateTime replayStart) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select 'sent', customer_id, rule_id, topic, type, decided_at, null::boolean from interventions
                            where customer_id = any(cast(cast(?1 as text) as text[])) and status = 'SENT'
                                and decided_at >= ?3 and decided_at < ?2
                        union all
                        select 'case', customer_id, case_id, null, null, null::timestamptz, null::boolean from (
                            select distinct on (customer_id, cast(data as jsonb) ->> 'caseId') customer_id,
                                cast(data as jsonb) ->> 'caseId' as case_id, type
                            from timeline_entries where customer_id = any(cast(cast(?1 as text) as text[]))
                                and type in ('io.journeyline.case.opened', 'io.journeyline.case.reopened',
                                    'io.journeyline.case.closed') and occurred_at < ?4
                            order by customer_id, cast(data as jsonb) ->> 'caseId', occurred_at desc, seq desc) latest
                        where type <> 'io.journeyline.case.closed'
                        union all
                        select 'consent', customer_id, purpose, null, null, changed_at, granted from consents
                            where customer_id = any(cast(cast(?1 as text) as text[])) and channel = 'any'""", Object[].class)
                .setParameter(1, SqlArrays.of(customers)).setParameter(2, periodStart).setParameter(3, sentSince)
                .setParameter(4, replayStart).getResultList()))
                .map(rows -> {
                    Map<String, List<Sent>> sent = new HashMap<>();
                    Map<String, Set<String>> openCases = new HashMap<>();
                    Map<String, List<KnownConsent>> consents = new HashMap<>();
                    for (Object[] row : rows) {
                        String customer = (String) row[1];
                        switch ((String) row[0]) {
                            case "sent" -> sent.computeIfAbsent(customer, c -> new ArrayList<>()).add(new Sent(
                                    (String) row[2], (String) row[3], ActionType.valueOf((String) row[4]),
                                    ((OffsetDateTime) row[5]).toInstant()));
                            case "case" -> openCases.computeIfAbsent(customer, c -> new HashSet<>()).add((String) row[2]);
                            default -> consents.computeIfAbsent(customer, c -> new ArrayList<>()).add(new KnownConsent(
                                    (String) row[2], (Boolean) row[6], ((OffsetDateTime) row[5]).toInstant()));
                        }
                    }
                    Map<String, Known> known = new HashMap<>();
                    for (String customer : customers) {
                        known.put(customer, new Known(sent.getOrDefault(customer, List.of()),
                                openCases.getOrDefault(customer, Set.of()),
                                consents.getOrDefault(customer, List.of())));
                    }
                    return known;
                });
    }

    /** The stays in stages that began in {@code [from, to)}, each ended by the customer's next change, if any. */
    public Uni<List<StageStay>> stays(OffsetDateTime from, OffsetDateTime to) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id, to_stage, changed_at, cause_event_id,
                            lead(changed_at) over (partition by customer_id
                                order by changed_at, from_stage is not null, cause_event_id) as left_at
                        from stage_changes where changed_at >= ?1 and changed_at < ?2""", Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList()))
                .map(rows -> rows.stream().map(row -> new StageStay((String) row[0], Stage.valueOf((String) row[1]),
                        ((OffsetDateTime) row[2]).toInstant(), row[4] == null ? null : ((OffsetDateTime) row[4]).toInstant(),
                        (String) row[3])).toList());
    }

    /** The pain points recorded live in {@code [from, to)}, with their evidence. */
    public Uni<List<Recorded>> recorded(OffsetDateTime from, OffsetDateTime to) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                        select p.id, p.rule_id, p.customer_id, p.detected_at, string_agg(e.event_id, chr(31))
                        from pain_points p left join pain_point_evidence e on e.pain_point_id = p.id
                        where p.detected_at >= ?1 and p.detected_at < ?2
                        group by p.id, p.rule_id, p.customer_id, p.detected_at""", Object[].class)
                .setParameter(1, from).setParameter(2, to).getResultList()))
                .map(rows -> rows.stream().map(row -> new Recorded((String) row[0], (String) row[1], (String) row[2],
                        ((OffsetDateTime) row[3]).toInstant(),
                        row[4] == null ? Set.of() : Set.copyOf(Arrays.asList(((String) row[4]).split("\u001f")))))
                        .toList());
    }
}
