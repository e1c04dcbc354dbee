package io.journeyline.local;

import io.restassured.RestAssured;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes manifests' Kafka security on a real broker: the stack started with the KafkaUsers of
 * deploy/kubernetes/base/kafka/users.yaml ({@code --kafka-users}), so every service logs in with SCRAM-SHA-512 as its
 * own user, through the same KAFKA_* variables its Deployment sets, and may do only what that user's ACLs grant. The
 * whole loop must still work — every service reads what it consumes, writes what it publishes and the dead letters of
 * what it consumes — and a service's login must be refused what it was not granted.
 */
class SecuredKafkaIT {
    private static final int OFFSET = 3000;
    private static final String JOURNEY = "http://localhost:" + (8081 + OFFSET);
    private static final String SURVEY = "http://localhost:" + (8082 + OFFSET);
    private static final String EDUCATION = "http://localhost:" + (8083 + OFFSET);
    private static final String FEEDBACK = "http://localhost:" + (8084 + OFFSET);
    private static final Path USERS = Path.of("../kubernetes/base/kafka/users.yaml").toAbsolutePath().normalize();
    /** Who consumes each topic (the services' channels), so who must dead-letter a bad record on it. */
    private static final Map<String, Set<String>> CONSUMERS = Map.of(
            "journey.touchpoints", Set.of("journey-service"),
            "journey.education", Set.of("journey-service", "survey-service"),
            "journey.feedback", Set.of("journey-service", "survey-service", "feedback-service"),
            "journey.interventions", Set.of("survey-service", "education-service", "feedback-service"),
            "journey.insights", Set.of("survey-service", "education-service", "feedback-service"));

    private final Path dataDir = Path.of("target/secured-kafka-it").toAbsolutePath();
    private final Stack stack = new Stack(OFFSET, dataDir, Map.of(), List.of("--kafka-users", USERS.toString()));

    @Test
    void everyServiceDoesItsWorkWithOnlyWhatItsKafkaUserIsGranted() throws Exception {
        deleteDataDir();
        stack.start();

        // A detractor's NPS (survey-service writes journey.feedback) → journey-service's rule (reads feedback, writes
        // insights and interventions) → a case in feedback-service (reads interventions, writes feedback) → resolved →
        // the follow-up survey (survey-service reads the case events, writes journey.outbound) answered by its link →
        // the case closes RECOVERED (feedback-service reads the survey result) → the pain point resolved.
        String detractor = "secured-" + UUID.randomUUID();
        stack.as("ingest").contentType("application/json")
                .body(Map.of("customerId", detractor, "surveyKind", "NPS", "score", 3))
                .post(SURVEY + "/api/v1/surveys/nps-relationship/responses").then().statusCode(201);
        String caseId = await().atMost(Duration.ofSeconds(60)).until(() -> stack.as("agent")
                .get(FEEDBACK + "/api/v1/customers/" + detractor + "/cases").then().statusCode(200).extract()
                .<String>path("items[0].id"), Objects::nonNull);
        stack.as("agent").contentType("application/json").body("{}")
                .post(FEEDBACK + "/api/v1/cases/" + caseId + "/acknowledge").then().statusCode(200);
        stack.as("agent").contentType("application/json").body(Map.of("rootCause", "PRODUCT_DEFECT"))
                .post(FEEDBACK + "/api/v1/cases/" + caseId + "/resolve").then().statusCode(200);
        String link = await().atMost(Duration.ofSeconds(60)).until(() -> stack.surveyLinks(detractor), links -> !links.isEmpty())
                .get(0);
        RestAssured.given().contentType("application/json")
                .body(Map.of("answers", Map.of("resolved", 5), "complete", true)).post(link).then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stack.timeline(detractor, "items.type"))
                .contains("io.journeyline.case.closed", "io.journeyline.journey.pain-point-resolved"));

        // Three errors over HTTP ingest (journey-service writes journey.touchpoints, reads it back) → a lesson request
        // → education-service's answer (reads interventions, writes journey.education) in the timeline.
        stack.as("admin").contentType("application/json").body(Map.of("id", "router-fix", "kind", "micro-lesson",
                        "level", "PROBLEM_SOLVING", "title", Map.of("en", "Fixing your router"), "topics", List.of("setup.router"),
                        "languages", List.of("en"), "channels", List.of("app"), "durationMinutes", 5, "owner", "docs"))
                .post(EDUCATION + "/api/v1/contents").then().statusCode(201);
        String learner = "secured-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            stack.as("ingest").contentType("application/cloudevents+json")
                    .body(error(learner)).post(JOURNEY + "/api/v1/events").then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stack.timeline(learner, "items.type"))
                .containsAnyOf("io.journeyline.education.assigned", "io.journeyline.education.held-out"));

        // A record no consumer can read, on every consumed topic: each of its consumers writes it to the topic's .dlq.
        String poisoned = "secured-dlq-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = stack.producer()) {
            for (String topic : CONSUMERS.keySet()) {
                producer.send(new ProducerRecord<>(topic, poisoned, "this is not an event")).get();
            }
        }
        for (var consumed : CONSUMERS.entrySet()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(IllegalStateException.class)
                    .untilAsserted(() -> assertThat(deadLetterers(consumed.getKey(), poisoned))
                    .as(consumed.getKey() + ".dlq").containsExactlyInAnyOrderElementsOf(consumed.getValue()));
        }

        // The grants are enforced: education-service's login may not write interventions (journey-service's) ...
        Properties education = stack.kafkaClient();
        education.putAll(KafkaSecurity.clientSettings("education-service", "education-service-local"));
        education.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        education.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        education.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(education)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("journey.interventions", poisoned, "{}")).get())
                    .isInstanceOfAny(TopicAuthorizationException.class, ExecutionException.class)
                    .satisfies(thrown -> assertThat(rootCause(thrown)).isInstanceOf(TopicAuthorizationException.class));
            // ... while what it publishes it may.
            producer.send(new ProducerRecord<>("journey.outbound", poisoned, "{}")).get();
        }
        // ... and no service met a refusal doing its own work.
        assertThat(refusalsInServiceLogs()).isEmpty();
        stack.stop();
    }

    @AfterEach
    void stopIfRunning() throws InterruptedException {
        if (stack.running()) {
            stack.stop();
        }
    }

    /** The consumers that dead-lettered this customer's records of {@code topic}, by their dlq-consumer header. */
    private Set<String> deadLetterers(String topic, String customer) {
        Set<String> consumers = new TreeSet<>();
        stack.read(topic + ".dlq", record -> customer.equals(record.key()), Duration.ofSeconds(5)).forEach(record ->
                consumers.add(new String(record.headers().lastHeader("dlq-consumer").value(), StandardCharsets.UTF_8)));
        return consumers;
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private Map<String, List<String>> refusalsInServiceLogs() throws IOException {
        Map<String, List<String>> refusals = new HashMap<>();
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.filter(file -> file.getFileName().toString().endsWith("-service.log")).toList()) {
                List<String> lines = Files.readAllLines(log).stream()
                        .filter(line -> line.contains("AuthorizationException") || line.contains("Not authorized"))
                        .toList();
                if (!lines.isEmpty()) {
                    refusals.put(log.getFileName().toString(), lines);
                }
            }
        }
        return refusals;
    }

    private void deleteDataDir() throws IOException {
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static String error(String customer) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/it\","
                + "\"type\":\"io.journeyline.touchpoint.recorded\",\"time\":\"" + Instant.now() + "\",\"subject\":\""
                + customer + "\",\"data\":{\"customerId\":\"" + customer + "\",\"channel\":\"app\","
                + "\"touchpoint\":\"setup.router\",\"action\":\"error\"}}";
    }
}
