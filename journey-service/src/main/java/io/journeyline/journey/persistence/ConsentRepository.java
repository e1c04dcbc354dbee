package io.journeyline.journey.persistence;

import io.journeyline.platform.persistence.SqlArrays;
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
import java.util.Set;
import java.util.stream.Collectors;

/** Consent per customer, purpose and channel; the latest change by its time wins, whatever the arrival order. */
@ApplicationScoped
public class ConsentRepository {

    public record Consent(String customerId, String purpose, String channel, boolean granted, OffsetDateTime changedAt,
                          String cause) {
    }

    public Uni<Void> record(List<Consent> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Consent> latest = new HashMap<>();
        changes.forEach(change -> latest.merge(change.customerId() + "|" + change.purpose() + "|" + change.channel(),
                change, (a, b) -> b.changedAt().isBefore(a.changedAt()) ? a : b));
        List<Object[]> rows = latest.values().stream()
                .sorted(Comparator.comparing(Consent::customerId).thenComparing(Consent::purpose).thenComparing(Consent::channel))
                .map(c -> new Object[]{c.customerId(), c.purpose(), c.channel(), c.granted(), c.changedAt(), c.cause()})
                .toList();
        return Transactions.inCallersTransaction("ConsentRepository.record", session -> MultiRowStatement.of(
                "insert into consents (customer_id, purpose, channel, granted, changed_at, cause) select * from",
                "text, text, text, boolean, timestamptz, text", rows, """
                        on conflict (customer_id, purpose, channel) do update set granted = excluded.granted,
                            changed_at = excluded.changed_at, cause = excluded.cause
                        where consents.changed_at <= excluded.changed_at""").executeUpdate(session)).replaceWithVoid();
    }

    /** Every consent of these customers, by customer. */
    public Uni<Map<String, List<Consent>>> of(Set<String> customerIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id, purpose, channel, granted, changed_at, cause from consents
                        where customer_id = any(cast(cast(?1 as text) as text[])) order by customer_id, purpose, channel""",
                        Object[].class)
                .setParameter(1, SqlArrays.of(customerIds)).getResultList())
                .map(rows -> rows.stream().map(row -> new Consent((String) row[0], (String) row[1], (String) row[2],
                                (Boolean) row[3], (OffsetDateTime) row[4], (String) row[5]))
                        .collect(Collectors.groupingBy(Consent::customerId)));
    }

}
