package io.journeyline.platform.privacy;

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
    /** One statement and the table whose rows it counts. */
    public record Statement(String table, String sql) {
        public static Statement of(String table, String sql) {
            return new Statement(table, sql);
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
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String customerId : erasure.customerIds()) {
                String standIn = Erasure.standIn();
                for (Statement statement : statements) {
                    chain = chain.chain(() -> {
                        var query = session.createNativeQuery(statement.sql()).setParameter(1, customerId);
                        if (statement.sql().contains("?2")) {
                            query.setParameter(2, standIn);
                        }
                        if (statement.sql().contains("?3")) {
                            query.setParameter(3, erasure.erasedAt());
                        }
                        return query.executeUpdate();
                    }).invoke(n -> counts.merge(statement.table(), n.longValue(), Long::sum)).replaceWithVoid();
                }
            }
            return chain;
        }).map(ignored -> counts);
    }
}
