package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The customers' cases as feedback-service's case events tell them: the guards suppress surveys while one is open. */
@ApplicationScoped
public class KnownCaseRepository {

    /** A case's latest status as its events told it. */
    public record CaseStatusRow(String caseId, String customerId, String topic, String status, OffsetDateTime at) {
    }

    /** Records case statuses; an older event never overwrites a newer status. */
    public Uni<Void> recordCases(List<CaseStatusRow> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, CaseStatusRow> latest = new HashMap<>();
        cases.forEach(row -> latest.merge(row.caseId(), row, (a, b) -> b.at().isBefore(a.at()) ? a : b));
        List<Object[]> rows = latest.values().stream().sorted(java.util.Comparator.comparing(CaseStatusRow::caseId))
                .map(row -> new Object[]{row.caseId(), row.customerId(), row.topic(), row.status(), row.at()}).toList();
        return Transactions.inCallersTransaction("KnownCaseRepository.recordCases", session -> MultiRowStatement.of(
                "insert into known_cases (case_id, customer_id, topic, status, updated_at) values", rows, """
                        on conflict (case_id) do update set status = excluded.status, updated_at = excluded.updated_at,
                            topic = coalesce(excluded.topic, known_cases.topic)
                        where known_cases.updated_at <= excluded.updated_at""").executeUpdate(session)).replaceWithVoid();
    }

    /** Those of {@code customerIds} with a case that is not closed. */
    public Uni<Set<String>> withOpenCase(Set<String> customerIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select distinct customer_id from known_cases where customer_id in (?1) and status <> 'CLOSED'",
                        String.class)
                .setParameter(1, List.copyOf(customerIds)).getResultList()).map(HashSet::new);
    }
}
