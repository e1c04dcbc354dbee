package io.journeyline.education.persistence;

import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What education-service knows of a customer to choose content for them. */
@ApplicationScoped
public class LearnerRepository {

    /** A customer as a learner: journey stage (and since when), language and channel; any may be unknown (null). */
    public record Learner(String customerId, String stage, OffsetDateTime stageChangedAt, String language,
                          String channel) {
    }

    /** The customer's stage moved at {@code at}; an older change arriving late does not overwrite a newer one. */
    public Uni<Void> stage(String customerId, String stage, OffsetDateTime at, OffsetDateTime now) {
        return Transactions.inCallersTransaction("LearnerRepository.stage", session -> session.createNativeQuery("""
                        insert into learners (customer_id, stage, stage_changed_at, updated_at) values (?1, ?2, ?3, ?4)
                        on conflict (customer_id) do update set stage = excluded.stage,
                            stage_changed_at = excluded.stage_changed_at, updated_at = excluded.updated_at
                        where learners.stage_changed_at is null or learners.stage_changed_at <= excluded.stage_changed_at""")
                .setParameter(1, customerId).setParameter(2, stage).setParameter(3, at).setParameter(4, now)
                .executeUpdate()).replaceWithVoid();
    }

    /** Sets the language and channel to reach the customer in (a null keeps what was known). */
    public Uni<Void> preferences(String customerId, String language, String channel, OffsetDateTime now) {
        return Transactions.inCallersTransaction("LearnerRepository.preferences", session -> session.createNativeQuery("""
                        insert into learners (customer_id, language, channel, updated_at)
                        values (?1, cast(?2 as text), cast(?3 as text), ?4)
                        on conflict (customer_id) do update set language = coalesce(excluded.language, learners.language),
                            channel = coalesce(excluded.channel, learners.channel), updated_at = excluded.updated_at""")
                .setParameter(1, customerId).setParameter(2, language).setParameter(3, channel).setParameter(4, now)
                .executeUpdate()).replaceWithVoid();
    }

    /** The learners among these customers, in one statement, by customer (absent: education-service knows nothing). */
    public Uni<Map<String, Learner>> findAll(Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select customer_id, stage, stage_changed_at, language, channel from learners
                        where customer_id = any(cast(cast(?1 as text) as text[]))""", Object[].class)
                .setParameter(1, SqlArrays.of(customerIds)).getResultList())
                .map(rows -> rows.stream().map(r -> new Learner((String) r[0], (String) r[1], (OffsetDateTime) r[2],
                        (String) r[3], (String) r[4])).collect(Collectors.toMap(Learner::customerId, learner -> learner)));
    }

    public Uni<Optional<Learner>> find(String customerId) {
        return findAll(List.of(customerId)).map(found -> Optional.ofNullable(found.get(customerId)));
    }
}
