package io.journeyline.platform.privacy;

import io.journeyline.platform.messaging.InOrder;
import io.journeyline.platform.persistence.Transactions;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's erasure written as SQL, one statement per table, run for each erased customer in the caller's
 * transaction: {@code ?1} is the customer's id, {@code ?2} a random stand-in ({@link Erasure#standIn()}) for rows kept
 * for the figures — the same for all of one customer's statements, so their rows stay one (anonymous) person — and
 * {@code ?3} the erasure's time.
 * <pre>{@code
 * ErasureStatements.of(
 *         Statement.of("invitations", "delete from invitations where customer_id = ?1"),
 *         Statement.of("survey_responses", "update survey_responses set customer_id = ?2, comment = null where customer_id = ?1"))
 *     .run(erasure)
 * }</pre>
 * Order matters where one table's rows find another's (delete a case's timers before the case loses its customer).
 */
public final class ErasureStatements {
    /**
     * One statement and the table whose rows it counts. Hibernate wants ordinal parameters without gaps, so the ones a
     * statement uses are renumbered in order ({@code ?1, ?3} becomes {@code ?1, ?2}); {@code uses} says which.
     */
    public record Statement(String table, String sql, List<Integer> uses) {
        public static Statement of(String table, String sql) {
            List<Integer> uses = new java.util.ArrayList<>();
            String numbered = sql;
            for (int parameter = 1; parameter <= 3; parameter++) {
                if (sql.contains("?" + parameter)) {
                    uses.add(parameter);
                    numbered = numbered.replace("?" + parameter, "?#" + uses.size());
                }
            }
            return new Statement(table, numbered.replace("?#", "?"), List.copyOf(uses));
        }
    }

    private final List<Statement> statements;

    private ErasureStatements(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public static ErasureStatements of(Statement... statements) {
        return new ErasureStatements(List.of(statements));
    }

    /** Runs every statement for every customer of {@code erasure}; rows per table. */
    public Uni<Map<String, Long>> run(Erasure erasure) {
        Map<String, Long> counts = new TreeMap<>();
        return Transactions.inCallersTransaction("ErasureStatements.run", session -> {
            return InOrder.each(erasure.customerIds(), customerId -> {
                Object[] values = {customerId, Erasure.standIn(), erasure.erasedAt()};
                return InOrder.each(statements, statement -> {
                    var query = session.createNativeQuery(statement.sql());
                    for (int i = 0; i < statement.uses().size(); i++) {
                        query.setParameter(i + 1, values[statement.uses().get(i) - 1]);
                    }
                    return query.executeUpdate().invoke(n -> counts.merge(statement.table(), n.longValue(), Long::sum));
                });
            });
        }).map(ignored -> counts);
    }
}
