package io.journeyline.testing;

import io.journeyline.contract.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a real Kafka cluster (KRaft, in-process, Apache Kafka's own test kit) and a real PostgreSQL
 * server (embedded binaries) for a {@code @QuarkusTest} module, and points Quarkus at them. With
 * {@code -Ddevservices=true} it starts nothing and Quarkus Dev Services (Testcontainers) take over.
 * Register it once per module with {@code @QuarkusTestResource(RealInfrastructure.class)}.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    /** Partitions of each contract topic in tests: more than one, so keying by customer matters. */
    public static final int PARTITIONS = 3;

    private KafkaClusterTestKit kafka;
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        if (Boolean.getBoolean("devservices")) {
            return Map.of();
        }
        Map<String, String> config = new HashMap<>();
        try {
            kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            createContractTopics(kafka.bootstrapServers());

            postgres = postgres(EmbeddedPostgres.builder()).start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the test Kafka and PostgreSQL", e);
        }
        String db = "localhost:" + postgres.getPort() + "/postgres";
        prepareDatabase("jdbc:postgresql://" + db, "postgres", "postgres");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + db);
        config.put("quarkus.datasource.reactive.url", "postgresql://" + db);
        // Tests move the clock and then fire due timers themselves (TimerPoller.fireAllDue); a background poll between
        // the two would make what a test sees in that gap depend on the machine's speed.
        config.put("journeyline.timers.poll-interval", "1h");
        // Likewise retention: tests move the clock by months, so a background run would forget other tests' events.
        // RetentionTest runs it when it says so.
        config.put("journeyline.retention.interval", "24h");
        return config;
    }

    /** The PostgreSQL server to start: a subclass may configure it (TLS only, say). As it comes by default. */
    protected EmbeddedPostgres.Builder postgres(EmbeddedPostgres.Builder builder) {
        return builder;
    }

    /**
     * Runs before Quarkus starts, with the database it will use: a subclass can put it in a given state (a schema
     * an older version created, say) to test what start-up does with it. Nothing by default.
     */
    protected void prepareDatabase(String jdbcUrl, String user, String password) {
    }

    /** The contract topics and their dead-letter topics, as an operator creates them in production. */
    static void createContractTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = Topics.allWithDeadLetters().stream()
                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get();
        }
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test infrastructure", e);
        }
    }
}
