package io.journeyline.local;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Measures, against a running local stack, how long an event takes from its producer to the customer's
 * timeline: over HTTP ingest (HTTP → outbox → Kafka → consumer → PostgreSQL) and straight onto Kafka, one
 * event at a time; and the throughput of 1000-event batches. Reports medians and percentiles, never
 * asserts: the machines are shared and noisy.
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.IngestBenchmark [--samples N] [--port-offset N]</pre>
 */
public final class IngestBenchmark {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String journey;
    /** journey-service's management address: its metrics. */
    private final String journeyManagement;
    private final String kafka;
    private final Map<String, String> tokens;

    private IngestBenchmark(int offset, Map<String, String> tokens) {
        this.journey = "http://localhost:" + (8081 + offset);
        this.journeyManagement = "http://localhost:" + LocalStack.managementPort(8081 + offset);
        this.kafka = "localhost:" + (9092 + offset);
        this.tokens = tokens;
    }

    public static void main(String[] args) throws Exception {
        int samples = 100;
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> tokens = Keys.writtenTokens(dataDir);
        IngestBenchmark bench = new IngestBenchmark(offset, tokens);
        bench.warmUp();
        // Interleaved, so both paths see the same machine load.
        List<Double> viaHttp = new ArrayList<>();
        List<Double> viaKafka = new ArrayList<>();
        try (KafkaProducer<String, String> producer = bench.producer()) {
            for (int i = 0; i < samples; i++) {
                viaHttp.add(bench.httpToTimelineMillis());
                viaKafka.add(bench.kafkaToTimelineMillis(producer));
            }
        }
        System.out.printf("event → visible in timeline, %d samples each (ms): %n", samples);
        System.out.println("  HTTP ingest  " + summary(viaHttp));
        System.out.println("  Kafka record " + summary(viaKafka));
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rates.add(bench.batchThroughput(1000));
        }
        System.out.printf("1000-event batches, HTTP send → all 1000 recorded: median %.0f events/s (runs: %s)%n",
                median(rates), rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(", ")));
    }

    private void warmUp() throws Exception {
        for (int i = 0; i < 20; i++) {
            httpToTimelineMillis();
        }
    }

    private double httpToTimelineMillis() throws Exception {
        String customer = "bench-" + UUID.randomUUID();
        long start = System.nanoTime();
        post(event(UUID.randomUUID().toString(), customer));
        awaitTimelineSize(customer, 1);
        return (System.nanoTime() - start) / 1e6;
    }

    private double kafkaToTimelineMillis(KafkaProducer<String, String> producer) throws Exception {
        String customer = "bench-" + UUID.randomUUID();
        long start = System.nanoTime();
        ProducerRecord<String, String> record = new ProducerRecord<>("journey.touchpoints", customer,
                event(UUID.randomUUID().toString(), customer));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        awaitTimelineSize(customer, 1);
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * Events per second from sending a batch to journey-service having recorded all of it, read from its
     * {@code journeyline_events_consumed_total} counter (cheap to poll, unlike 50 timelines); the timelines
     * are checked once afterwards, outside the timing.
     */
    private double batchThroughput(int size) throws Exception {
        String customerPrefix = "bench-batch-" + UUID.randomUUID();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            batch.append(i == 0 ? "" : ",").append(event(UUID.randomUUID().toString(), customerPrefix + "-" + (i % 50)));
        }
        batch.append(']');
        double before = consumedCount();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(journey + "/api/v1/events"))
                .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_INGEST"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("batch refused: " + response.statusCode() + " " + response.body());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumedCount() < before + size) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("batch not consumed within 60 s");
            }
            Thread.sleep(10);
        }
        double rate = size / ((System.nanoTime() - start) / 1e9);
        for (int c = 0; c < 50; c++) {
            awaitTimelineSize(customerPrefix + "-" + c, size / 50);
        }
        return rate;
    }

    private double consumedCount() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(journeyManagement + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("journeyline_events_consumed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private void post(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(journey + "/api/v1/events"))
                .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_INGEST"))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("event refused: " + response.statusCode() + " " + response.body());
        }
    }

    /** Polls every 5 ms; the poll itself adds at most that much to a sample. */
    private void awaitTimelineSize(String customer, int size) throws Exception {
        HttpRequest read = HttpRequest.newBuilder(URI.create(journey + "/api/v1/customers/" + customer + "/timeline?limit=200"))
                .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_AGENT")).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(read, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && countOccurrences(response.body(), "\"eventId\"") >= size) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("customer " + customer + " did not reach " + size + " events within 60 s");
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private static String event(String id, String customer) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/bench\",\"type\":\"io.journeyline.touchpoint.recorded\","
                + "\"time\":\"2026-11-22T10:00:00Z\",\"data\":{\"customerId\":\"" + customer
                + "\",\"channel\":\"web\",\"touchpoint\":\"home\",\"action\":\"visit\"}}";
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("median %.1f   p90 %.1f   p99 %.1f   max %.1f", percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return percentile(sorted, 50);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
