package io.journeyline.platform.persistence;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code journeyline.db.statement-timeout} reaches every connection of the reactive pool: PostgreSQL cancels a
 * statement that runs longer (here set short, 300 ms), and shorter ones run as before.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(StatementTimeoutTest.ShortTimeout.class)
class StatementTimeoutTest {
    /** A statement timeout short enough to wait for. */
    public static class ShortTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("journeyline.db.statement-timeout", "300ms");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aStatementRunningLongerThanTheTimeoutIsCancelled() {
        Throwable cancelled = catchThrowable(() -> pool.query("select pg_sleep(5)").execute()
                .await().atMost(Duration.ofSeconds(30)));

        assertThat(cancelled).isInstanceOf(PgException.class)
                .hasMessageContaining("canceling statement due to statement timeout");
        assertThat(((PgException) cancelled).getSqlState()).isEqualTo("57014");
        assertThat(pool.query("select pg_sleep(0.05), current_setting('statement_timeout') as timeout").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next().getString("timeout")).isEqualTo("300ms");
    }
}
