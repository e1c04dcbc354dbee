package io.journeyline.local;

import io.journeyline.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** A real Apache Kafka broker (KRaft, combined broker and controller) as a child process. */
final class KafkaBroker {
    static final int PARTITIONS = 3;

    private KafkaBroker() {
    }

    /**
     * Starts the broker with the contract's topics. With {@code security}, clients log in with SCRAM and get only what
     * its ACLs grant; the settings a tool needs to connect are written to {@code <dataDir>/kafka-client.properties}.
     */
    static ChildProcess start(Path dataDir, int port, int controllerPort, String classpath, KafkaSecurity security)
            throws Exception {
        Path logDir = dataDir.resolve("kafka");
        Path config = dataDir.resolve("kafka-server.properties");
        Files.createDirectories(logDir);
        String listener = security == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        List<String> settings = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=" + listener + "://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=" + listener + "://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false"));
        if (security != null) {
            settings.addAll(KafkaSecurity.brokerSettings(listener));
        }
        Files.writeString(config, String.join("\n", settings) + "\n");
        Map<String, Object> client = new LinkedHashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + port));
        if (security != null) {
            client.putAll(KafkaSecurity.adminClientSettings());
        }
        Files.write(dataDir.resolve("kafka-client.properties"), client.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList());

        Path log = dataDir.resolve("logs/kafka.log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(List.of(java(), "-cp", classpath, "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            if (security != null) {
                format.addAll(List.of("--add-scram", KafkaSecurity.adminScramArgument()));
            }
            ChildProcess.run("kafka storage format", format, log);
        }
        ChildProcess broker = ChildProcess.start("kafka", List.of(java(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", classpath, "kafka.Kafka", config.toString()), Map.of(), log);
        try {
            awaitPort(broker, port, Duration.ofSeconds(60));
            try (Admin admin = Admin.create(client)) {
                createContractTopics(admin);
                if (security != null) {
                    security.apply(admin);
                }
            }
        } catch (Exception e) {
            broker.stop(30); // not yet the launcher's to stop
            throw e;
        }
        return broker;
    }

    /** The contract topics and each one's dead-letter topic. */
    private static void createContractTopics(Admin admin) throws Exception {
        for (String topic : Topics.allWithDeadLetters()) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void awaitPort(ChildProcess process, int port, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited; see " + process.log() + ":\n"
                        + ChildProcess.tail(process.log()));
            }
            try (Socket ignored = new Socket("localhost", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(process.name() + " did not open port " + port + " within " + timeout);
    }
}
