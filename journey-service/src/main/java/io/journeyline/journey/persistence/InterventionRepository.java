package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.Intervention;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.NativeSelect;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Interventions, sent and suppressed. */
@ApplicationScoped
public class InterventionRepository implements PanacheRepositoryBase<Intervention, String> {

    /** Inserts those not recorded yet; the ids it inserted. */
    public Uni<Set<String>> insertNew(List<Intervention> interventions) {
        if (interventions.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Object[]> rows = interventions.stream().map(i -> new Object[]{i.id, i.painPointId, i.customerId, i.ruleId,
                i.type, i.topic, i.status, i.suppressedBy, i.reason, i.decidedAt, i.recordedAt}).toList();
        return Transactions.inCallersTransaction("InterventionRepository.insertNew", session -> MultiRowStatement.of("""
                        insert into interventions (id, pain_point_id, customer_id, rule_id, type, topic, status,
                            suppressed_by, reason, decided_at, recorded_at) select * from""",
                        "text, text, text, text, text, text, text, text, text, timestamptz, timestamptz", rows,
                "on conflict (id) do nothing returning id").getResultList(session, String.class))
                .map(HashSet::new);
    }

    /**
     * What the guards need to know about these customers, in one round trip: the interventions sent to them decided
     * from {@code since} on, which of them have a case that is not closed, what they said about each purpose for
     * every channel, and — when {@code withEvidence} — the evidence of their open pain points by topic (a case request
     * carries everything known about the customer's problem).
     */
    public Uni<GuardFacts> guardFacts(Set<String> customerIds, OffsetDateTime since, boolean withEvidence) {
        String evidenceQuery = !withEvidence ? "" : """
                union all
                select 'evidence', p.customer_id, p.topic, e.event_id, null, e.occurred_at, null::boolean
                    from pain_points p join pain_point_evidence e on e.pain_point_id = p.id
                    where p.customer_id = any(cast(cast(?1 as text) as text[])) and p.status in ('OPEN', 'ACKNOWLEDGED') and p.topic is not null
                """;
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select 'sent', customer_id, rule_id, topic, type, decided_at, null::boolean from interventions
                            where customer_id = any(cast(cast(?1 as text) as text[])) and status = 'SENT'
                                and decided_at >= ?2
                        union all
                        select distinct 'case', customer_id, null, null, null, null::timestamptz, null::boolean
                            from known_cases where customer_id = any(cast(cast(?1 as text) as text[]))
                                and status <> 'CLOSED'
                        union all
                        select 'consent', customer_id, purpose, null, null, null::timestamptz, granted from consents
                            where customer_id = any(cast(cast(?1 as text) as text[])) and channel = 'any'
                        """ + evidenceQuery + " order by 6 nulls first", Object[].class)
                .setParameter(1, SqlArrays.of(customerIds)).setParameter(2, since).getResultList())
                .map(rows -> {
                    List<Intervention> sent = new ArrayList<>();
                    Set<String> openCases = new HashSet<>();
                    Map<String, Map<String, Boolean>> consents = new HashMap<>();
                    Map<String, Set<String>> evidence = new HashMap<>();
                    for (Object[] row : rows) {
                        String customer = (String) row[1];
                        switch ((String) row[0]) {
                            case "sent" -> {
                                Intervention intervention = new Intervention();
                                intervention.customerId = customer;
                                intervention.ruleId = (String) row[2];
                                intervention.topic = (String) row[3];
                                intervention.type = (String) row[4];
                                intervention.decidedAt = (OffsetDateTime) row[5];
                                sent.add(intervention);
                            }
                            case "case" -> openCases.add(customer);
                            case "evidence" -> evidence.computeIfAbsent(customer + "|" + row[2], k -> new LinkedHashSet<>())
                                    .add((String) row[3]);
                            default -> consents.computeIfAbsent(customer, c -> new HashMap<>())
                                    .put((String) row[2], (Boolean) row[6]);
                        }
                    }
                    return new GuardFacts(sent, openCases, consents, evidence);
                });
    }

    /**
     * The guards' view of a set of customers; {@code openEvidence} maps "customer|topic" to the event ids of the
     * customer's open pain points on that topic, oldest first.
     */
    public record GuardFacts(List<Intervention> sent, Set<String> openCases, Map<String, Map<String, Boolean>> consents,
                             Map<String, Set<String>> openEvidence) {
    }

    public Uni<List<Intervention>> ofCustomers(List<String> customerIds, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select i.* from unnest(cast(cast(?1 as text) as text[])) as m (customer_id)
                        cross join lateral (select * from interventions where customer_id = m.customer_id
                            order by decided_at desc, id desc limit ?2) i
                        order by i.decided_at desc, i.id desc limit ?2""", Intervention.class)
                .setParameter(1, SqlArrays.of(customerIds)).setParameter(2, limit).getResultList());
    }

    /** The customer of each of these interventions that exists, by intervention id. */
    public Uni<Map<String, String>> owners(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select id, customer_id from interventions where id in (?1)", Object[].class)
                .setParameter(1, ids).getResultList())
                .map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(row -> owners.put((String) row[0], (String) row[1]));
                    return owners;
                });
    }

    public Uni<List<Intervention>> ofPainPoints(List<String> painPointIds) {
        return new NativeSelect("select * from interventions where pain_point_id " + SqlArrays.anyOf(1, "text")
                + " order by decided_at, id", List.of(SqlArrays.of(painPointIds))).list(Intervention.class);
    }
}
