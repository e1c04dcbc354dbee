package io.journeyline.local;

import org.apache.kafka.clients.producer.KafkaProducer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * education-service under a burst of journey-service's education requests, against a running local stack; prints
 * medians, asserts nothing. Adds one lesson to the catalog, then produces {@code --requests} education requests (as
 * many customers) onto {@code journey.interventions} and times them until every one has its assignment (assigned or
 * held out), {@code --runs} times; also prints the held-out share it saw.
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.EducationBenchmark [--port-offset 0]
 *     [--data-dir deploy/local/data] [--requests 10000] [--runs 3]</pre>
 */
public final class EducationBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EducationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int requests = 10_000;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> tokens = Keys.writtenTokens(dataDir);
        String topic = "bench-topic-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + (8083 + offset)
                        + "/api/v1/contents"))
                .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_ADMIN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"kind": "micro-lesson", "level": "PROBLEM_SOLVING", "title": {"en": "Benchmark lesson"},
                         "topics": ["%s"], "languages": ["en"], "channels": ["app"], "durationMinutes": 5,
                         "owner": "bench"}""".formatted(topic))).build(), HttpResponse.BodyHandlers.ofString());
        if (added.statusCode() != 201) {
            throw new IllegalStateException("content not added: " + added.body());
        }
        String jdbc = "jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset) + "/education";
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            String batch = UUID.randomUUID().toString();
            long before = PostgresServer.count(jdbc, "select count(*) from assignments");
            long start = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = ConsumerBenchmark.producer("localhost:" + (9092 + offset))) {
                for (int i = 0; i < requests; i++) {
                    String customer = "bench-edu-" + batch + "-" + i;
                    producer.send(ConsumerBenchmark.interventionRequest("education-requested", customer, batch + "-" + i,
                            "{\"customerId\":\"" + customer + "\",\"interventionId\":\"" + batch + "-" + i
                            + "\",\"painPointId\":\"pp-" + batch + "-" + i + "\",\"topic\":\"" + topic
                            + "\",\"reason\":\"bench\",\"level\":\"PROBLEM_SOLVING\",\"ruleId\":\"PP-REPEATED-ERRORS\"}"));
                }
                producer.flush();
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (PostgresServer.count(jdbc, "select count(*) from assignments") < before + requests) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all requests answered within 10 minutes");
                }
                Thread.sleep(100);
            }
            double rate = requests / ((System.nanoTime() - start) / 1e9);
            rates.add(rate);
            long heldOut = PostgresServer.count(jdbc, "select count(*) from assignments where status = 'HELD_OUT' and intervention_id like '"
                    + batch + "-%'");
            System.out.printf("run %d: %d requests answered at %.0f assignments/s; held out %d (%.2f %%)%n", run + 1,
                    requests, rate, heldOut, 100.0 * heldOut / requests);
        }
        System.out.printf("education requests → assignments, bursts of %d, %d runs: median %.0f per second%n", requests,
                runs, ConsumerBenchmark.median(rates));
    }
}
