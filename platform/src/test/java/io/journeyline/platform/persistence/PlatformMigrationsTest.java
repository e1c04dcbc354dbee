package io.journeyline.platform.persistence;

import io.journeyline.platform.testapp.RecordingTimerHandler;
import io.journeyline.platform.timers.Timers;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database created by the foundation's migrations (platform tables as version 0.1 of the service's history,
 * the script copied verbatim into {@code legacy/db/platform}) starts under the current layout: the platform
 * history takes the tables over, adds the new ones, and keeps the data.
 */
@QuarkusTest
@TestProfile(PlatformMigrationsTest.LegacyDatabaseProfile.class)
class PlatformMigrationsTest {
    @Inject
    Timers timers;

    @Test
    void aDatabaseOfThePreviousVersionGetsTheNewPlatformTablesAndKeepsItsRows() throws Throwable {
        assertThat(strings("select event_id from outbox_events")).containsExactly("kept-through-the-upgrade");
        assertThat(strings("select version from platform_schema_history where success order by installed_rank"))
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(strings("select coalesce(version, '-') from flyway_schema_history where success order by installed_rank"))
                .containsExactly("1", "2");

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                timers.schedule(RecordingTimerHandler.KIND, "upgraded", Instant.now().plusSeconds(86_400 * 3000L), null)));
        assertThat(strings("select timer_key from platform_timers")).containsExactly("upgraded");
    }

    private static List<String> strings(String sql) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, String.class).getResultList())));
    }

    /** Its own Kafka and PostgreSQL, the database set up as the previous version left it. */
    public static class LegacyDatabaseProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LegacyDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** Migrates the fresh database as the foundation did, and leaves a row in its outbox. */
    public static class LegacyDatabase extends RealInfrastructure {
        @Override
        protected void prepareDatabase(String jdbcUrl, String user, String password) {
            Flyway.configure().dataSource(jdbcUrl, user, password)
                    .locations("classpath:legacy/db/platform", "classpath:db/migration")
                    .load().migrate();
            try (var connection = DriverManager.getConnection(jdbcUrl, user, password);
                 var statement = connection.createStatement()) {
                statement.execute("""
                        insert into outbox_events (event_id, source, type, topic, record_key, occurred_at, data, created_at)
                        values ('kept-through-the-upgrade', '/legacy', 'io.journeyline.touchpoint.recorded',
                                'journey.unrouted-test', 'c-legacy', now(), '{}', now())""");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
