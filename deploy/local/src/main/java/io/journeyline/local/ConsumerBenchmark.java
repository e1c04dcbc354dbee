package io.journeyline.local;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Consumer throughput of journey-service: N binary-mode touchpoint records produced straight onto
 * {@code journey.touchpoints} (2,000 customers), timed from the first send until its
 * {@code journeyline_events_consumed_total} counter has grown by N (every one recorded in a timeline). Takes
 * one or more running stacks by port offset and interleaves the runs, so two builds (before and after a change)
 * are measured side by side under the same machine load. Reports medians and the ratio; asserts nothing.
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.ConsumerBenchmark
 *     [--events 20000] [--runs 5] --port-offset 0 [--port-offset 100]</pre>
 */
public final class ConsumerBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConsumerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 20_000;
        int runs = 5;
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--port-offset" -> offsets.add(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (offsets.isEmpty()) {
            offsets.add(0);
        }
        Map<Integer, List<Double>> rates = new LinkedHashMap<>();
        offsets.forEach(offset -> rates.put(offset, new ArrayList<>()));
        for (int offset : offsets) {
            measure(offset, 2_000); // warm-up
        }
        for (int run = 0; run < runs; run++) {
            for (int offset : offsets) {
                double rate = measure(offset, events);
                rates.get(offset).add(rate);
                System.out.printf("run %d, stack at port offset %d: %.0f events/s%n", run + 1, offset, rate);
            }
        }
        System.out.printf("%d records on journey.touchpoints → all recorded, %d runs each:%n", events, runs);
        double first = median(rates.get(offsets.get(0)));
        for (int offset : offsets) {
            double median = median(rates.get(offset));
            System.out.printf("  port offset %-4d median %.0f events/s (runs: %s)   ratio to the first: %.2f%n", offset, median,
                    rates.get(offset).stream().map(r -> String.format("%.0f", r)).toList(), median / first);
        }
    }

    private static double measure(int offset, int events) throws Exception {
        return measure(offset, records(events));
    }

    /** Produces {@code records} onto the stack at {@code offset}; events per second until all are consumed. */
    static double measure(int offset, List<ProducerRecord<String, byte[]>> records) throws Exception {
        int events = records.size();
        // the consumed-events counter, on journey-service's management port
        String journey = "http://localhost:" + LocalStack.managementPort(8081 + offset);
        double before = consumed(journey);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer("localhost:" + (9092 + offset))) {
            records.forEach(producer::send);
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (consumed(journey) < before + events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not consumed within 5 minutes");
            }
            Thread.sleep(20);
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    static List<ProducerRecord<String, byte[]>> records(int events) {
        String run = UUID.randomUUID().toString();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            String customer = "bench-consumer-" + run + "-" + (i % 2_000);
            String data = "{\"customerId\":\"" + customer + "\",\"channel\":\"app\",\"touchpoint\":\"home\",\"action\":\"visit\"}";
            records.add(binaryEvent("journey.touchpoints", customer, data, run + "-" + i, "/bench/consumer",
                    "io.journeyline.touchpoint.recorded", null, "2026-11-23T10:00:00Z"));
        }
        return records;
    }

    static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An event as an outside system sends it, in CloudEvents' binary mode: its attributes as {@code ce_} headers, its
     * JSON data as the value; a null {@code subject} is left out. The benchmarks that send binary-mode events build them
     * all here, so a change to what the services' consumers read is made once.
     */
    static ProducerRecord<String, byte[]> binaryEvent(String topic, String key, String json, String id, String source,
                                                      String type, String subject, String time) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", source);
        header(record, "ce_type", type);
        if (subject != null) {
            header(record, "ce_subject", subject);
        }
        header(record, "ce_time", time);
        header(record, "content-type", "application/json");
        return record;
    }

    /**
     * A request on {@code journey.interventions} as journey-service sends it: keyed by its customer, who is also its
     * subject, and sent now; {@code kind} is the type's last part ({@code case-requested}, {@code education-requested}).
     */
    static ProducerRecord<String, byte[]> interventionRequest(String kind, String customer, String id, String json) {
        return binaryEvent("journey.interventions", customer, json, id, "/journeyline/journey-service",
                "io.journeyline.intervention." + kind, customer, OffsetDateTime.now(ZoneOffset.UTC).toString());
    }

    private static double consumed(String journey) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(journey + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("journeyline_events_consumed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
