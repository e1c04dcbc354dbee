package io.journeyline.platform.testapp;

import io.journeyline.platform.privacy.Erasure;
import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ExportStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.PersonalData;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** The test application's personal data: the events it handled. */
@ApplicationScoped
public class TestPersonalData implements PersonalData {
    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("handled_events", "delete from handled_events where customer_id = ?1"));

    private static final ExportStatements EXPORT = ExportStatements.of(
            ExportStatements.Query.of("handled_events", "select * from handled_events where customer_id = ?1"));

    @Override
    public Uni<Map<String, Long>> erase(Erasure erasure) {
        return STATEMENTS.run(erasure);
    }

    @Override
    public Uni<Map<String, com.fasterxml.jackson.databind.JsonNode>> export(String customerId) {
        return EXPORT.run(customerId);
    }
}
