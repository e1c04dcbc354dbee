package io.journeyline.education;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.journeyline.contract.EventType;
import io.journeyline.contract.event.EducationRequested;
import io.journeyline.education.service.EducationRequests;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.messaging.Delivery;
import io.journeyline.testing.RealInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch as a service meets it after a restart or an outage: a backlog, up to a poll's worth and more. chaos.sh found
 * education-service hung on such a batch: most answers complete at once (the catalog read once per batch, a
 * "no content fits" decision only persisted until the flush), each ran inside the one before it, and the stack
 * overflowed at the next real query — the error lost, the transaction left open, the batch never done.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BacklogBatchTest {
    @Inject
    EducationRequests requests;

    @Inject
    Pool pool;

    @Test
    void a_backlog_of_two_thousand_requests_is_answered_in_one_batch_each_once() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "nothing-about-" + run; // no content: each answer after the first is decided without a query
        List<Delivery<EducationRequested>> batch = IntStream.range(0, 2_000).mapToObj(i -> {
            String customer = "backlog-" + run + "-" + i;
            EducationRequested request = new EducationRequested(customer, "intervention-" + run + "-" + i,
                    "pain-point-" + run + "-" + i, topic, "PP-REPEATED-ERRORS", null, "PP-REPEATED-ERRORS");
            IncomingEvent event = new IncomingEvent(UUID.randomUUID().toString(), "/journeyline/journey-service",
                    EventType.ofRecord(EducationRequested.class), OffsetDateTime.now(), customer,
                    JsonNodeFactory.instance.objectNode(), Map.of());
            return new Delivery<>(event, request);
        }).toList();

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> requests.onRequested(batch))
                .ifNoItem().after(Duration.ofSeconds(60)).fail());

        var decided = pool.preparedQuery("select status, count(*), count(distinct intervention_id) from assignments"
                        + " where intervention_id like $1 group by status")
                .execute(Tuple.of("intervention-" + run + "-%")).await().atMost(Duration.ofSeconds(30));
        assertThat(decided.rowCount()).isEqualTo(1);
        var row = decided.iterator().next();
        assertThat(row.getString(0)).isEqualTo("SUPPRESSED");
        assertThat(row.getLong(1)).isEqualTo(2_000);
        assertThat(row.getLong(2)).isEqualTo(2_000);
    }
}
