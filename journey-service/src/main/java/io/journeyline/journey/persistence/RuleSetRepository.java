package io.journeyline.journey.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Saved rule sets; the highest version is active. */
@ApplicationScoped
public class RuleSetRepository {

    public record Saved(int version, String document, OffsetDateTime savedAt, String savedBy) {
    }

    /** The active version's number, or 0 when no rule set was ever saved (the shipped defaults are active). */
    public Uni<Integer> activeVersion() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select coalesce(max(version), 0) from rule_sets", Integer.class).getSingleResult());
    }

    public Uni<Optional<Saved>> find(int version) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select version, document, saved_at, saved_by from rule_sets where version = ?1", Object[].class)
                .setParameter(1, version).getResultList())
                .map(rows -> rows.stream().findFirst().map(row -> new Saved((Integer) row[0], (String) row[1],
                        (OffsetDateTime) row[2], (String) row[3])));
    }

    /** Saves {@code version}; false when another save took that version first. */
    public Uni<Boolean> save(int version, String document, OffsetDateTime at, String by, String backtest) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into rule_sets (version, document, saved_at, saved_by, backtest_id) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (version) do nothing""")
                .setParameter(1, version).setParameter(2, document).setParameter(3, at).setParameter(4, by)
                .setParameter(5, backtest).executeUpdate()).map(inserted -> inserted == 1);
    }

    /** The backtest recorded with {@code version}'s activation, if any. */
    public Uni<Optional<String>> backtestOf(int version) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select backtest_id from rule_sets where version = ?1 and backtest_id is not null", String.class)
                .setParameter(1, version).getResultList()).map(rows -> rows.stream().findFirst());
    }

    public Uni<List<Integer>> versions() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select version from rule_sets order by version", Integer.class).getResultList());
    }
}
