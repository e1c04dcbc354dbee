package io.journeyline.platform.outbox;

import io.journeyline.contract.Topics;
import io.journeyline.contract.event.CaseSlaBreached;
import io.journeyline.contract.vocabulary.CaseStatus;
import io.journeyline.contract.vocabulary.SlaClock;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.Management;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The relay against a real broker when Kafka refuses some rows for good: one too large for the producer (a record
 * that grew past max.request.size when written out again) and one the broker refuses (its topic takes smaller
 * records). The rows around them go out exactly once, the refused ones are parked with their error for an operator
 * to retry or discard, and the service stays ready.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OutboxRelayTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    Outbox outbox;
    @Inject
    MeterRegistry registry;

    @Test
    void rowsKafkaRefusesAreParkedAndTheRowsAroundThemGoOutOnce() throws Throwable {
        String customer = "cust-" + UUID.randomUUID();
        double parkedBefore = registry.find("journeyline.outbox.parked").counters().stream().mapToDouble(Counter::count).sum();
        setMaxMessageBytes(Topics.INSIGHTS, "20000");
        try {
            String oversized = UUID.randomUUID().toString();
            String refusedByBroker = UUID.randomUUID().toString();
            String unusable = UUID.randomUUID().toString();
            List<String> sent = new ArrayList<>();
            // One transaction, so one relay batch: 10 events, a 2 MB row, 10 events, a 50 KB row for a topic whose
            // broker limit is 20 KB, a row whose source is no URI (no record can be made of it), 5 events.
            inTransaction(() -> publishBreaches(customer, 10, sent)
                    .chain(() -> insertRow(oversized, "/journeyline/platform-test", Topics.FEEDBACK, customer, 2_000_000))
                    .chain(() -> publishBreaches(customer, 10, sent))
                    .chain(() -> insertRow(refusedByBroker, "/journeyline/platform-test", Topics.INSIGHTS, customer, 50_000))
                    .chain(() -> insertRow(unusable, "not a uri: spaces and a % sign", Topics.FEEDBACK, customer, 10))
                    .chain(() -> publishBreaches(customer, 5, sent)));

            // Later work is not held up behind them: a sentinel published afterwards goes out too.
            List<String> sentinel = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> parked().getList("items.eventId").containsAll(
                    List.of(oversized, refusedByBroker, unusable)));
            inTransaction(() -> publishBreaches(customer, 1, sentinel));
            List<ConsumerRecord<String, byte[]>> records = TestKafka.readUntil(Topics.FEEDBACK,
                    record -> customer.equals(record.key()),
                    record -> sentinel.get(0).equals(TestKafka.header(record, "ce_id")), Duration.ofSeconds(30));
            List<String> ids = records.stream().map(record -> TestKafka.header(record, "ce_id")).toList();
            List<String> expected = new ArrayList<>(sent);
            expected.addAll(sentinel);
            assertThat(ids).as("every row around the refused ones, once, in order").containsExactlyElementsOf(expected);

            JsonPath parked = parked();
            assertThat(parked.getString("items.find { it.eventId == '" + oversized + "' }.error"))
                    .contains("RecordTooLargeException").contains("max.request.size");
            assertThat(parked.getInt("items.find { it.eventId == '" + oversized + "' }.sizeBytes")).isGreaterThan(2_000_000);
            assertThat(parked.getString("items.find { it.eventId == '" + refusedByBroker + "' }.error"))
                    .contains("RecordTooLargeException");
            assertThat(parked.getString("items.find { it.eventId == '" + unusable + "' }.error"))
                    .contains("InvalidRecordException").contains("not a uri");
            assertThat(registry.find("journeyline.outbox.parked").counters().stream().mapToDouble(Counter::count).sum())
                    .isEqualTo(parkedBefore + 3);
            Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

            // The operator raises the topic's limit and retries the one the broker refused; discards the other.
            setMaxMessageBytes(Topics.INSIGHTS, "1048588");
            long brokerRefusedId = parked.getLong("items.find { it.eventId == '" + refusedByBroker + "' }.id");
            long oversizedId = parked.getLong("items.find { it.eventId == '" + oversized + "' }.id");
            given().header("Authorization", ADMIN).post("/api/v1/outbox/parked/" + brokerRefusedId + "/retry")
                    .then().statusCode(202);
            assertThat(TestKafka.readAll(Topics.INSIGHTS, record -> refusedByBroker.equals(TestKafka.header(record, "ce_id")),
                    1, Duration.ofSeconds(20))).hasSize(1);
            given().header("Authorization", ADMIN).delete("/api/v1/outbox/parked/" + oversizedId).then().statusCode(204);
            given().header("Authorization", ADMIN).delete("/api/v1/outbox/parked/" + oversizedId).then().statusCode(404)
                    .contentType("application/problem+json");
            long unusableId = parked.getLong("items.find { it.eventId == '" + unusable + "' }.id");
            given().header("Authorization", ADMIN).delete("/api/v1/outbox/parked/" + unusableId).then().statusCode(204);
            assertThat(parked().getList("items.eventId")).doesNotContain(oversized, refusedByBroker, unusable);
        } finally {
            setMaxMessageBytes(Topics.INSIGHTS, "1048588");
        }
    }

    @Test
    void onlyAdminsSeeParkedEvents() {
        given().get("/api/v1/outbox/parked").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).get("/api/v1/outbox/parked").then().statusCode(403);
        given().header("Authorization", ADMIN).get("/api/v1/outbox/parked?cursor=nope").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private static JsonPath parked() {
        return given().header("Authorization", ADMIN).get("/api/v1/outbox/parked?limit=500").then().statusCode(200)
                .extract().jsonPath();
    }

    private Uni<Void> publishBreaches(String customer, int count, List<String> ids) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < count; i++) {
            CaseSlaBreached breach = new CaseSlaBreached(customer, "case-" + UUID.randomUUID(), CaseStatus.RECEIVED,
                    SlaClock.ACKNOWLEDGE, OffsetDateTime.now(ZoneOffset.UTC));
            chain = chain.chain(() -> outbox.publish(breach).invoke(ids::add)).replaceWithVoid();
        }
        return chain;
    }

    /** A row as a service might have written it, with data of {@code size} characters once written out. */
    private static Uni<Void> insertRow(String eventId, String source, String topic, String customer, int size) {
        String data = "{\"customerId\":\"" + customer + "\",\"note\":\"" + "x".repeat(size) + "\"}";
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outbox_events (event_id, source, type, topic, record_key, occurred_at, data, created_at)
                        values (?1, ?2, 'io.journeyline.case.sla-breached', ?3, ?4, now(), ?5, now())""")
                .setParameter(1, eventId).setParameter(2, source).setParameter(3, topic).setParameter(4, customer)
                .setParameter(5, data).executeUpdate()).replaceWithVoid();
    }

    private static void inTransaction(java.util.function.Supplier<Uni<Void>> work) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    private static void setMaxMessageBytes(String topic, String bytes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(change).all().get();
        }
    }
}
