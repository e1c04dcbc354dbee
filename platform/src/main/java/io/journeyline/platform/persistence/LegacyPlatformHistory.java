package io.journeyline.platform.persistence;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Hands the platform tables over from a service's migration history to the platform's own. Databases created
 * before the split list the platform tables as migration 0.1 of the service history; that file now lives in the
 * platform history (as its V1, which adopts the existing tables), so the row is removed before the service
 * history is validated. Precise: only that version with that script name, only when present.
 */
@ApplicationScoped
public class LegacyPlatformHistory implements FlywayConfigurationCustomizer {
    static final String LEGACY_SCRIPT = "V0_1__outbox_and_processed_events.sql";

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                String table = context.getConfiguration().getTable();
                try (Statement statement = context.getConnection().createStatement()) {
                    statement.execute("do $$ begin if to_regclass('" + table + "') is not null then "
                            + "delete from " + table + " where version = '0.1' and script = '" + LEGACY_SCRIPT + "'; "
                            + "end if; end $$");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not hand the platform tables over to their own history", e);
                }
            }

            @Override
            public String getCallbackName() {
                return "legacy-platform-history";
            }
        });
    }
}
