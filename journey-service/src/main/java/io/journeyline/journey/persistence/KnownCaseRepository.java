package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The customers' cases as feedback-service's case events tell them: the guards suppress surveys while one is open. */
@ApplicationScoped
public class KnownCaseRepository {

    /** A case's latest status as its events told it. */
    public record CaseStatusRow(String caseId, String customerId, String topic, String status, OffsetDateTime at,
                                String painPointId) {
    }

    /** Records case statuses; an older event never overwrites a newer status, and what a case answers is kept. */
    public Uni<Void> recordCases(List<CaseStatusRow> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = latestPerCase(cases).stream()
                .map(row -> new Object[]{row.caseId(), row.customerId(), row.topic(), row.status(), row.at(),
                        row.painPointId()}).toList();
        return Transactions.inCallersTransaction("KnownCaseRepository.recordCases", session -> MultiRowStatement.of(
                "insert into known_cases (case_id, customer_id, topic, status, updated_at, pain_point_id) select * from",
                "text, text, text, text, timestamptz, text", rows, """
                        on conflict (case_id) do update set
                            status = case when known_cases.updated_at <= excluded.updated_at then excluded.status
                                else known_cases.status end,
                            updated_at = greatest(known_cases.updated_at, excluded.updated_at),
                            topic = coalesce(known_cases.topic, excluded.topic),
                            pain_point_id = coalesce(known_cases.pain_point_id, excluded.pain_point_id)""")
                .executeUpdate(session)).replaceWithVoid();
    }

    /**
     * One row per case, sorted by case id: the newest status, with the topic and pain point any of the rows told
     * (only {@code case.opened} carries them, and a lagging consumer may get it in the same batch as the closing).
     */
    public static List<CaseStatusRow> latestPerCase(List<CaseStatusRow> cases) {
        Map<String, CaseStatusRow> latest = new HashMap<>();
        cases.forEach(row -> latest.merge(row.caseId(), row, (a, b) -> {
            CaseStatusRow newer = b.at().isBefore(a.at()) ? a : b;
            CaseStatusRow older = newer == a ? b : a;
            return new CaseStatusRow(newer.caseId(), newer.customerId(),
                    newer.topic() != null ? newer.topic() : older.topic(), newer.status(), newer.at(),
                    newer.painPointId() != null ? newer.painPointId() : older.painPointId());
        }));
        return latest.values().stream().sorted(Comparator.comparing(CaseStatusRow::caseId)).toList();
    }

    /** The customer of each of these cases journey-service knows, by case id. */
    public Uni<Map<String, String>> owners(List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select case_id, customer_id from known_cases where case_id in (?1)", Object[].class)
                .setParameter(1, caseIds).getResultList())
                .map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(row -> owners.put((String) row[0], (String) row[1]));
                    return owners;
                });
    }

    /** The pain points these cases answer, by case id (cases without one left out). */
    public Uni<Map<String, String>> painPointsOf(List<String> caseIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select case_id, pain_point_id from known_cases where case_id in (?1) and pain_point_id is not null",
                        Object[].class)
                .setParameter(1, caseIds).getResultList())
                .map(rows -> {
                    Map<String, String> painPoints = new HashMap<>();
                    rows.forEach(row -> painPoints.put((String) row[0], (String) row[1]));
                    return painPoints;
                });
    }

}
