package io.journeyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A company backfilling ten days of history onto {@code journey.touchpoints}, as an outside producer would: N
 * customers' everyday mix (visits, a purchase for 70 %, a first use for half of those, error bursts for 20 %, failed
 * self-service then a call for 15 %), ten events each, in each customer's order — so PP-NEW-CUSTOMER's absence timers
 * come due while the same customers' later events are being consumed. Reports the rate (first send → every event
 * consumed), then what must be true: every event in its customer's timeline (each timeline read over the API), no
 * dead letter {@code processing-failed}, no transaction retried, no timer firing failed. Exits 1 when one is not.
 *
 * <pre>deploy/local/bench.sh backfill [--customers 30000] [--seed 7] [--port-offset N] [--data-dir DIR]</pre>
 */
public final class BackfillBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int EVENTS_PER_CUSTOMER = 10;
    private static final String DEAD_LETTERED = "dead letters processing-failed";
    private static final String TRANSIENT = "consumer transactions failed transiently (retried)";
    private static final String TIMERS_FAILED = "timer firings failed";

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = 30_000;
        long seed = 7;
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String prefix = "backfill-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<ProducerRecord<String, byte[]>> records = history(prefix, customers, new Random(seed));
        String journey = "http://localhost:" + LocalStack.managementPort(8081 + offset);
        Map<String, Double> before = counters(journey);

        System.out.printf("backfill: %,d events of %,d customers over the last 10 days onto journey.touchpoints ...%n",
                records.size(), customers);
        double rate = ConsumerBenchmark.measure(offset, records);
        Map<String, Double> after = counters(journey);

        String agent = "Bearer " + Keys.writtenTokens(dataDir).get("JOURNEYLINE_TOKEN_AGENT");
        int incomplete = incompleteTimelines(offset, agent, prefix, customers);
        Map<String, Double> grew = new LinkedHashMap<>();
        after.forEach((name, value) -> grew.put(name, value - before.getOrDefault(name, 0.0)));
        System.out.printf("  rate: %,.0f events/s (first send → all %,d consumed)%n", rate, records.size());
        System.out.printf("  customers whose timeline lacks an event: %d of %,d%n", incomplete, customers);
        grew.forEach((name, value) -> System.out.printf("  %s: +%.0f%n", name, value));
        boolean ok = incomplete == 0 && grew.get(DEAD_LETTERED) == 0 && grew.get(TRANSIENT) == 0
                && grew.get(TIMERS_FAILED) == 0;
        System.out.println(ok ? "  every event once in its timeline; nothing dead-lettered, retried or failed"
                : "  SOMETHING WAS LOST, DEAD-LETTERED OR RETRIED");
        System.exit(ok ? 0 : 1);
    }

    /** Ten events per customer, each customer's in time order, starting somewhere in the last ten days. */
    static List<ProducerRecord<String, byte[]>> history(String prefix, int customers, Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(customers * EVENTS_PER_CUSTOMER);
        for (int c = 0; c < customers; c++) {
            String customer = prefix + c;
            Instant t = now.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(random.nextInt(60 * 24 * 8)));
            List<ObjectNode> events = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                events.add(touchpoint(customer, t, "web", "home", "visit"));
                t = t.plus(Duration.ofMinutes(1 + random.nextInt(120)));
            }
            if (random.nextDouble() < 0.7) {
                events.add(touchpoint(customer, t, "web", "checkout.payment", "purchase").put("outcome", "success"));
                t = t.plus(Duration.ofHours(1 + random.nextInt(48)));
                if (random.nextDouble() < 0.5) {
                    events.add(touchpoint(customer, t, "app", "dashboard", "feature_use").put("outcome", "success"));
                }
                t = t.plus(Duration.ofMinutes(30));
            }
            if (random.nextDouble() < 0.2) {
                for (int e = 0; e < 3; e++) {
                    events.add(touchpoint(customer, t, "app", "setup.wifi", "error").put("outcome", "failure"));
                    t = t.plus(Duration.ofMinutes(10));
                }
            }
            if (random.nextDouble() < 0.15) {
                events.add(touchpoint(customer, t, "web", "returns.portal", "self_service").put("outcome", "failure")
                        .put("topic", "returns"));
                t = t.plus(Duration.ofMinutes(40));
                events.add(touchpoint(customer, t, "phone", "hotline", "contact").put("topic", "returns")
                        .put("waitMs", 120_000));
            }
            while (events.size() < EVENTS_PER_CUSTOMER) {
                events.add(touchpoint(customer, t, "app", "home", "visit"));
                t = t.plus(Duration.ofMinutes(1 + random.nextInt(30)));
            }
            for (ObjectNode data : events) {
                ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                        .put("source", "/bench/backfill").put("type", "io.journeyline.touchpoint.recorded")
                        .put("time", data.remove("time").asText());
                event.set("data", data);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("journey.touchpoints", customer,
                        event.toString().getBytes(StandardCharsets.UTF_8));
                ConsumerBenchmark.header(record, "content-type", "application/cloudevents+json");
                records.add(record);
            }
        }
        return records;
    }

    private static ObjectNode touchpoint(String customer, Instant time, String channel, String touchpoint, String action) {
        return JSON.createObjectNode().put("time", time.toString()).put("customerId", customer).put("channel", channel)
                .put("touchpoint", touchpoint).put("action", action);
    }

    /** How many customers' timelines hold fewer than their ten events (read over the API, 16 at a time). */
    private static int incompleteTimelines(int offset, String agent, String prefix, int customers) throws Exception {
        AtomicInteger incomplete = new AtomicInteger();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + (8081 + offset)
                            + "/api/v1/customers/" + prefix + c + "/timeline?source=/bench/backfill&limit=50"))
                    .header("Authorization", agent).build();
            reads.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
                try {
                    JsonNode page = JSON.readTree(response.body());
                    if (response.statusCode() != 200 || page.path("items").size() != EVENTS_PER_CUSTOMER) {
                        incomplete.incrementAndGet();
                    }
                } catch (Exception e) {
                    incomplete.incrementAndGet();
                }
            }).whenComplete((ignored, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        return incomplete.get();
    }

    /** The counters that must not grow: dead letters of valid events, retried transactions, failed timer firings. */
    private static Map<String, Double> counters(String journey) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(journey + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> counters = new LinkedHashMap<>();
        counters.put(DEAD_LETTERED, sum(metrics, "journeyline_events_dead_lettered_total", "reason=\"processing-failed\""));
        counters.put(TRANSIENT, sum(metrics, "journeyline_events_transient_failures_total", ""));
        counters.put(TIMERS_FAILED, sum(metrics, "journeyline_timers_failed_total", ""));
        counters.put("timers fired", sum(metrics, "journeyline_timers_fired_total", ""));
        counters.put("timers deferred (customer busy)", sum(metrics, "journeyline_timers_deferred_total", ""));
        return counters;
    }

    private static double sum(String metrics, String name, String label) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
