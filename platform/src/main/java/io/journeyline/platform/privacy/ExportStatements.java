package io.journeyline.platform.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.platform.messaging.InOrder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's part of a subject-access export written as SQL: one query per table, {@code ?1} the customer's id, each
 * query's rows returned as a JSON array ({@code json_agg}), in one read-only session.
 * <pre>{@code
 * ExportStatements.of(Query.of("survey_responses", "select * from survey_responses where customer_id = ?1 order by responded_at"))
 * }</pre>
 */
public final class ExportStatements {
    /** The rows of one table about the customer. */
    public record Query(String table, String sql) {
        public static Query of(String table, String sql) {
            return new Query(table, sql);
        }
    }

    private final List<Query> queries;

    private ExportStatements(List<Query> queries) {
        this.queries = List.copyOf(queries);
    }

    public static ExportStatements of(Query... queries) {
        return new ExportStatements(List.of(queries));
    }

    /** Every query's rows for {@code customerId}, by table, in the order given. */
    public Uni<Map<String, JsonNode>> run(String customerId) {
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        return Panache.withSession(() -> InOrder.each(queries, query -> Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select coalesce(json_agg(t), '[]'::json)::text from (" + query.sql() + ") t", String.class)
                        .setParameter(1, customerId).getSingleResult())
                .invoke(json -> tables.put(query.table(), parse(json))))).map(ignored -> tables);
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's json_agg gave invalid JSON", e);
        }
    }
}
