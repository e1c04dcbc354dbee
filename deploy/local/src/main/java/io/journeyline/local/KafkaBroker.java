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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** A real Apache Kafka broker (KRaft, combined broker and controller) as a child process. */
final class KafkaBroker {
    static final int PARTITIONS = 3;

    private KafkaBroker() {
    }

    static ChildProcess start(Path dataDir, int port, int controllerPort, String classpath) throws Exception {
        Path logDir = dataDir.resolve("kafka");
        Path config = dataDir.resolve("kafka-server.properties");
        Files.createDirectories(logDir);
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                ""));
        Path log = dataDir.resolve("logs/kafka.log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ChildProcess.run("kafka storage format", List.of(java(), "-cp", classpath, "kafka.tools.StorageTool",
                    "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), log);
        }
        ChildProcess broker = ChildProcess.start("kafka", List.of(java(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", classpath, "kafka.Kafka", config.toString()), Map.of(), log);
        awaitPort(broker, port, Duration.ofSeconds(60));
        createContractTopics("localhost:" + port);
        return broker;
    }

    /** The contract topics and each one's dead-letter topic. */
    static void createContractTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
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
