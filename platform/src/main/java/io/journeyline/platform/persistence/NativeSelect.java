package io.journeyline.platform.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * A native select and its positional parameters ({@code ?1}, {@code ?2}, … in {@code values}' order), built before it
 * runs: so a repository that assembles one from filters can hand the very statement to a test that asks PostgreSQL
 * for its plan, and run it through the caller's session.
 */
public record NativeSelect(String sql, List<Object> values) {

    public NativeSelect {
        values = List.copyOf(values);
    }

    /** The rows, as entities of {@code type} or, with {@code Object[].class}, as columns. */
    public <T> Uni<List<T>> list(Class<T> type) {
        return Panache.getSession().chain(session -> {
            var select = session.createNativeQuery(sql, type);
            for (int i = 0; i < values.size(); i++) {
                select.setParameter(i + 1, values.get(i));
            }
            return select.getResultList();
        });
    }
}
