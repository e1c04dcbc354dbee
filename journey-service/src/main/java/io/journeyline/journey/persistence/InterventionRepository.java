package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.Intervention;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
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
                            suppressed_by, reason, decided_at, recorded_at) values""", rows,
                "on conflict (id) do nothing returning id").getResultList(session, String.class))
                .map(HashSet::new);
    }

    /** The interventions sent to these customers decided from {@code since} on (the guards' history). */
    public Uni<List<Intervention>> sentSince(Set<String> customerIds, OffsetDateTime since) {
        return list("customerId in :customers and status = 'SENT' and decidedAt >= :since",
                Parameters.with("customers", List.copyOf(customerIds)).and("since", since));
    }

    public Uni<List<Intervention>> ofCustomers(List<String> customerIds, int limit) {
        return find("customerId in ?1 order by decidedAt desc, id desc", customerIds).range(0, limit - 1).list();
    }

    public Uni<List<Intervention>> ofPainPoints(List<String> painPointIds) {
        return list("painPointId in ?1 order by decidedAt, id", painPointIds);
    }
}
