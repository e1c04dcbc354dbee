package io.journeyline.education.persistence;

import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** Content gaps from journey-service, by topic. */
@ApplicationScoped
public class ContentGapRepository {

    /** A gap: how many customers misunderstood the topic in which window, and the events that show it. */
    public record Gap(String id, String topic, String category, int customers, OffsetDateTime windowStart,
                      OffsetDateTime windowEnd, List<String> evidence, OffsetDateTime detectedAt) {
    }

    public Uni<Void> add(Gap gap) {
        return Transactions.inCallersTransaction("ContentGapRepository.add", session -> session.createNativeQuery("""
                        insert into content_gaps (id, topic, category, customers, window_start, window_end, evidence,
                            detected_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing""")
                .setParameter(1, gap.id()).setParameter(2, gap.topic()).setParameter(3, gap.category())
                .setParameter(4, gap.customers()).setParameter(5, gap.windowStart()).setParameter(6, gap.windowEnd())
                .setParameter(7, String.join(",", gap.evidence())).setParameter(8, gap.detectedAt())
                .executeUpdate()).replaceWithVoid();
    }

    /** Every gap, newest first. */
    public Uni<List<Gap>> all() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, topic, category, customers, window_start, window_end, evidence, detected_at
                        from content_gaps order by detected_at desc, id""", Object[].class).getResultList())
                .map(rows -> rows.stream().map(r -> new Gap((String) r[0], (String) r[1], (String) r[2],
                        ((Number) r[3]).intValue(), (OffsetDateTime) r[4], (OffsetDateTime) r[5],
                        Arrays.asList(((String) r[6]).split(",")), (OffsetDateTime) r[7])).toList());
    }
}
