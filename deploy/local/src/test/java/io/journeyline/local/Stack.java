package io.journeyline.local;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command as a test drives it: the packaged local stack started as a separate process (with its
 * ports shifted and, optionally, settings in its environment), and what an outside system uses to talk to it — HTTP
 * with the tokens it printed, a plain Kafka client, the records on journey.outbound and the dead-letter topics.
 */
final class Stack {
    private static final Pattern PID = Pattern.compile("\\(pid (\\d+),");

    final int offset;
    final Path dataDir;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private Process process;
    private Map<String, String> tokens;

    /**
     * @param environment settings for the services (e.g. {@code JOURNEYLINE_SURVEYS_FOLLOW_UP_SURVEY}), passed
     *                    down by the launcher
     */
    Stack(int offset, Path dataDir, Map<String, String> environment) {
        this(offset, dataDir, environment, List.of());
    }

    /** @param arguments more of the launcher's options (e.g. {@code --kafka-users FILE}) */
    Stack(int offset, Path dataDir, Map<String, String> environment, List<String> arguments) {
        this.offset = offset;
        this.dataDir = dataDir;
        this.environment = environment;
        this.arguments = arguments;
    }

    String journey() {
        return "http://localhost:" + (8081 + offset);
    }

    String survey() {
        return "http://localhost:" + (8082 + offset);
    }

    String education() {
        return "http://localhost:" + (8083 + offset);
    }

    String feedback() {
        return "http://localhost:" + (8084 + offset);
    }

    void start() throws IOException {
        output.clear();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("localstack.jar", "target/local-stack.jar"),
                "--data-dir", dataDir.toAbsolutePath().toString(), "--port-offset", Integer.toString(offset)));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> {
                    output.add(line);
                    System.out.println("[local-stack] " + line);
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // the stack stopped and closed its output
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            // a wait for it to be up, long enough for a busy shared machine (it costs nothing when the start is quick)
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("local stack exited:\n" + String.join("\n", output));
                }
                return output.stream().anyMatch(line -> line.startsWith("Journeyline is up"));
            });
        } catch (RuntimeException | AssertionError e) {
            // a start that failed stops what it started: else its processes hold the ports the next start needs
            if (process.isAlive()) {
                process.destroy();
                try {
                    process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        }
        tokens = Files.readAllLines(dataDir.resolve("tokens.env")).stream()
                .filter(line -> line.startsWith("JOURNEYLINE_TOKEN_"))
                .collect(Collectors.toMap(
                        line -> line.substring("JOURNEYLINE_TOKEN_".length(), line.indexOf('=')).toLowerCase(),
                        line -> line.substring(line.indexOf('=') + 1)));
    }

    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("stack stops within 90 s").isTrue();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** The pids of the processes the launcher started, in the order it started them (Kafka last). */
    List<Long> childPids() {
        List<Long> pids = new ArrayList<>();
        for (String line : new ArrayList<>(output)) {
            Matcher matcher = PID.matcher(line);
            if (matcher.find()) {
                pids.add(Long.parseLong(matcher.group(1)));
            }
        }
        return pids;
    }

    /** An HTTP request with the bearer token the stack printed for {@code role} (ingest, agent, supervisor, admin). */
    RequestSpecification as(String role) {
        return RestAssured.given().header("Authorization", "Bearer " + tokens.get(role));
    }

    /** The bearer token the stack printed for {@code role}. */
    String token(String role) {
        return tokens.get(role);
    }

    /** {@code path} (a GPath) over the customer's timeline, newest first; empty for an unknown customer. */
    List<String> timeline(String customer, String path) {
        var response = as("agent").get(journey() + "/api/v1/customers/" + customer + "/timeline?limit=200");
        return response.statusCode() == 404 ? List.of() : response.jsonPath().getList(path, String.class);
    }

    /** What a Kafka client needs to connect: the launcher's kafka-client.properties (with its login, if any). */
    Properties kafkaClient() {
        Properties props = new Properties();
        try (var reader = Files.newBufferedReader(dataDir.resolve("kafka-client.properties"))) {
            props.load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return props;
    }

    KafkaProducer<String, String> producer() {
        Properties props = kafkaClient();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * Every record of {@code topic} from the beginning to the end offsets taken when it starts, that matches; fails when
     * it cannot read that far within {@code wait} (a partial list would let "exactly N" pass for the wrong reason).
     */
    List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                              Duration wait) {
        Properties props = kafkaClient();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(wait);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                }
                if (partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                    return found;
                }
            }
            throw new IllegalStateException(topic + " not read to its end offsets " + end + " within " + wait);
        }
    }

    /**
     * Whether consumer group {@code group} has processed {@code record}: it commits an offset only after processing
     * what comes before it (the services' throttled commits), so a committed offset past the record says it did.
     */
    boolean consumed(String group, ConsumerRecord<?, ?> record) {
        try (Admin admin = Admin.create(kafkaClient())) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(record.topic(), record.partition()));
            return committed != null && committed.offset() > record.offset();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A record's CloudEvents type, in binary mode (the ce_type header) or structured mode (the value's "type"). */
    static String typeOf(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("ce_type");
        if (header != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        Matcher matcher = TYPE.matcher(record.value() == null ? "" : record.value());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    /** The dlq-reason of every dead letter of this customer on {@code topic}.dlq. */
    List<String> deadLetters(String topic, String customer) {
        return read(topic + ".dlq", record -> customer.equals(record.key()), Duration.ofSeconds(10)).stream()
                .map(record -> new String(record.headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static final Pattern LINK = Pattern.compile("\"link\":\"([^\"]+)\"");

    /** The survey links in the customer's delivery requests on journey.outbound, as a gateway would read them, oldest first. */
    List<String> surveyLinks(String customer) {
        List<String> links = new ArrayList<>();
        for (ConsumerRecord<String, String> record : read("journey.outbound", r -> customer.equals(r.key()),
                Duration.ofSeconds(5))) {
            Matcher matcher = LINK.matcher(record.value());
            if (matcher.find()) {
                links.add(matcher.group(1));
            }
        }
        return links;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
