package io.journeyline.platform.messaging;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a consumer may work on one batch before SmallRye reports its channel failed (liveness DOWN, the pod
 * restarted). SmallRye's default, 60 s, is shorter than a batch that meets slow statements may legitimately take (each
 * attempt up to the statement timeout, then a back-off, five retries), so a service restarted on a backlog could fail
 * the same batch on every restart. The limit must leave a batch the time its own bounds allow it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ConsumerPatienceTest {
    @Inject
    Config config;

    @Inject
    ConsumerConfig consumer;

    @Test
    void a_batch_may_time_out_on_every_retry_and_still_finish_before_its_channel_is_called_dead() {
        Duration maxAge = Duration.ofMillis(config.getValue(
                "mp.messaging.connector.smallrye-kafka.throttled.unprocessed-record-max-age.ms", Long.class));
        Duration statementTimeout = config.getValue(
                "quarkus.datasource.reactive.additional-properties.statement_timeout", Duration.class);
        // the first attempt and each retry may each run into the statement timeout, then wait the longest back-off
        Duration worstBatch = statementTimeout.plus(consumer.maxBackOff()).multipliedBy(consumer.retries() + 1);

        assertThat(maxAge).isEqualTo(Duration.ofMinutes(5)).isGreaterThan(worstBatch);
    }
}
