package io.journeyline.platform.persistence;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * One SQL statement for many rows whose text does not depend on how many rows there are: each column goes as one array
 * parameter, and {@code unnest} turns the arrays back into rows —
 * {@code <head> unnest(cast(?1 as text[]), cast(?2 as timestamptz[])) <tail>}. Set-based writes (dedupe markers,
 * customer upserts, outbox rows) take one round trip instead of one per row, with as many bound parameters as columns
 * (not rows × columns), and the same text every batch, so Hibernate's and PostgreSQL's prepared-statement caches serve
 * it and the server does not parse and plan a new statement of thousands of parameters each time.
 *
 * <p>The head names where the rows go: {@code insert into t (a, b) select * from}, or
 * {@code update t set b = v.b from} with the tail {@code as v (a, b) where t.a = v.a}. Each array travels as
 * PostgreSQL's array text ({@link SqlArrays}), cast to the column's type by the statement.
 */
public final class MultiRowStatement {
    private final String sql;
    private final int columns;
    private final List<Object[]> rows;

    private MultiRowStatement(String sql, int columns, List<Object[]> rows) {
        this.sql = sql;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * @param head  e.g. {@code insert into t (a, b) select * from}
     * @param types the columns' PostgreSQL types in row order, e.g. {@code text, timestamptz}
     * @param rows  the values of each row (String, numbers, booleans, OffsetDateTime / Instant, or null), as wide as
     *              {@code types}
     * @param tail  e.g. {@code on conflict do nothing}, or empty
     */
    public static MultiRowStatement of(String head, String types, List<Object[]> rows, String tail) {
        String[] columnTypes = types.split(",");
        StringBuilder sql = new StringBuilder(head).append(" unnest(");
        for (int c = 0; c < columnTypes.length; c++) {
            sql.append(c == 0 ? "" : ", ").append("cast(cast(?").append(c + 1).append(" as text) as ")
                    .append(columnTypes[c].trim()).append("[])");
        }
        sql.append(") ").append(tail);
        for (Object[] row : rows) {
            if (row.length != columnTypes.length) {
                throw new IllegalArgumentException("a row of " + row.length + " values for " + columnTypes.length
                        + " columns (" + types + ")");
            }
        }
        return new MultiRowStatement(sql.toString(), columnTypes.length, rows);
    }

    /** Executes it; the number of rows changed. */
    public Uni<Integer> executeUpdate(Mutiny.Session session) {
        return bind(session.createNativeQuery(sql)).executeUpdate();
    }

    /** Executes it and reads a single-column {@code returning} clause. */
    public <R> Uni<List<R>> getResultList(Mutiny.Session session, Class<R> type) {
        return bind(session.createNativeQuery(sql, type)).getResultList();
    }

    /** The statement's text (the same for any number of rows). */
    String sql() {
        return sql;
    }

    private <Q extends Mutiny.AbstractQuery> Q bind(Q query) {
        for (int c = 0; c < columns; c++) {
            query.setParameter(c + 1, arrayText(c));
        }
        return query;
    }

    /** Column {@code c} of every row as PostgreSQL's array text ({@link SqlArrays}). */
    String arrayText(int c) {
        return SqlArrays.of(rows.stream().map(row -> row[c]).toList());
    }
}
