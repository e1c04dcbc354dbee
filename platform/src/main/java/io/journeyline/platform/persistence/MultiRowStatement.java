package io.journeyline.platform.persistence;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;

/**
 * One SQL statement for many rows: {@code <head> (?1, ?2), (?3, ?4) … <tail>}, every value a bound
 * parameter. Set-based writes (dedupe markers, customer upserts, outbox rows) take one round trip instead
 * of one per row. Rows are split into several statements where PostgreSQL's limit of 65,535 parameters
 * per statement requires it.
 */
public final class MultiRowStatement {
    private static final int MAX_PARAMETERS = 65_535;

    private final String head;
    private final List<Object[]> rows;
    private final String tail;

    private MultiRowStatement(String head, List<Object[]> rows, String tail) {
        this.head = head;
        this.rows = rows;
        this.tail = tail;
    }

    /**
     * @param head e.g. {@code insert into t (a, b) values}
     * @param rows the values of each row, all rows the same width
     * @param tail e.g. {@code on conflict do nothing}, or empty
     */
    public static MultiRowStatement of(String head, List<Object[]> rows, String tail) {
        return new MultiRowStatement(head, rows, tail);
    }

    /** Executes it; the number of rows changed. */
    public Uni<Integer> executeUpdate(Mutiny.Session session) {
        Uni<Integer> total = Uni.createFrom().item(0);
        for (List<Object[]> chunk : chunks()) {
            total = total.chain(sum -> bind(session.createNativeQuery(sql(chunk)), chunk).executeUpdate().map(n -> sum + n));
        }
        return total;
    }

    /** Executes it and reads a single-column {@code returning} clause. */
    public <R> Uni<List<R>> getResultList(Mutiny.Session session, Class<R> type) {
        Uni<List<R>> all = Uni.createFrom().item(new ArrayList<>());
        for (List<Object[]> chunk : chunks()) {
            all = all.chain(sofar -> bind(session.createNativeQuery(sql(chunk), type), chunk).getResultList()
                    .map(more -> {
                        sofar.addAll(more);
                        return sofar;
                    }));
        }
        return all;
    }

    private List<List<Object[]>> chunks() {
        int width = rows.isEmpty() ? 1 : rows.get(0).length;
        int perStatement = Math.max(1, MAX_PARAMETERS / width);
        List<List<Object[]>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += perStatement) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + perStatement)));
        }
        return chunks;
    }

    private String sql(List<Object[]> chunk) {
        StringBuilder sql = new StringBuilder(head).append(' ');
        int parameter = 0;
        for (int r = 0; r < chunk.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < chunk.get(r).length; c++) {
                sql.append(c == 0 ? "" : ", ").append('?').append(++parameter);
            }
            sql.append(')');
        }
        return sql.append(' ').append(tail).toString();
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, List<Object[]> chunk) {
        int parameter = 0;
        for (Object[] row : chunk) {
            for (Object value : row) {
                query.setParameter(++parameter, value);
            }
        }
        return query;
    }
}
