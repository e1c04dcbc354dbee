package io.journeyline.platform.persistence;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What every connection of a service's reactive pool brings with it unless a deployment says otherwise. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PoolSettingsTest {
    @Inject
    Pool pool;

    @Test
    void everyStatementIsCancelledAfterThirtySecondsByDefault() {
        Row row = pool.query("select current_setting('statement_timeout') as timeout").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next();
        assertThat(row.getString("timeout")).isEqualTo("30s");
    }
}
