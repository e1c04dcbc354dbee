package io.journeyline.platform.testapp;

import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ExportStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.SqlPersonalData;
import jakarta.enterprise.context.ApplicationScoped;

/** The test application's personal data: the events it handled. */
@ApplicationScoped
public class TestPersonalData extends SqlPersonalData {
    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("handled_events", "delete from handled_events where customer_id = ?1"));

    private static final ExportStatements EXPORT = ExportStatements.of(
            ExportStatements.Query.of("handled_events", "select * from handled_events where customer_id = ?1"));

    public TestPersonalData() {
        super(STATEMENTS, EXPORT);
    }
}
