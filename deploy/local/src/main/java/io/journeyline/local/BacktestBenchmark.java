package io.journeyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A backtest over what a running stack holds (the demo: {@code deploy/local/run.sh --demo 10000}), measured from
 * outside: its wall time and events replayed per second, then journey-service's consumer throughput with and without
 * a backtest running, interleaved run by run on the same stack (a backtest started just before each "with" run, and
 * cancelled after it if still running).
 * <pre>
 *   deploy/local/bench.sh backtest [--port-offset N] [--data-dir DIR] [--period P90D] [--events 50000] [--runs 3]
 * </pre>
 */
public final class BacktestBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/target/local-data");
        Duration period = Duration.ofDays(90);
        int events = 50_000;
        int runs = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--period" -> period = Duration.parse(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String journey = "http://localhost:" + (8081 + offset);
        String admin = "Bearer " + Keys.writtenTokens(dataDir).get("JOURNEYLINE_TOKEN_ADMIN");
        String body = JSON.writeValueAsString(Map.of("from", Instant.now().minus(period).toString(),
                "to", Instant.now().toString()));

        List<Double> walls = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        JsonNode last = null;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            String id = start(journey, admin, body);
            last = await(journey, admin, id);
            double seconds = (System.nanoTime() - start) / 1e9;
            long replayed = last.path("progress").path("eventsReplayed").asLong();
            walls.add(seconds);
            rates.add(replayed / seconds);
            System.out.printf("backtest run %d: %s, %d events in %.1f s (%.0f events/s)%n", run + 1,
                    last.path("status").asText(), replayed, seconds, replayed / seconds);
        }
        System.out.printf("backtest of the last %s: median %.1f s, %.0f events/s (runs: %s)%n", period,
                ConsumerBenchmark.median(walls), ConsumerBenchmark.median(rates), walls.stream()
                        .map(w -> String.format("%.1f s", w)).toList());
        if (last != null) {
            for (JsonNode rule : last.path("result").path("rules")) {
                System.out.printf("  %-24s pain points %6d  customers %6d  asked %6d  sent %6d  same %6d  new %6d  gone %6d%n",
                        rule.path("ruleId").asText(), rule.path("painPoints").path("count").asInt(),
                        rule.path("painPoints").path("customers").asInt(), rule.path("interventions").path("asked").asInt(),
                        rule.path("interventions").path("sent").asInt(),
                        rule.path("comparedWithRecorded").path("same").asInt(),
                        rule.path("comparedWithRecorded").path("new").asInt(),
                        rule.path("comparedWithRecorded").path("gone").asInt());
            }
        }

        ConsumerBenchmark.measure(offset, ConsumerBenchmark.records(2_000));   // warm-up
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            without.add(ConsumerBenchmark.measure(offset, ConsumerBenchmark.records(events)));
            String id = start(journey, admin, body);
            with.add(ConsumerBenchmark.measure(offset, ConsumerBenchmark.records(events)));
            String state = status(journey, admin, id).path("status").asText();
            if ("RUNNING".equals(state)) {
                send(HttpRequest.newBuilder(URI.create(journey + "/api/v1/rules/backtests/" + id + "/cancel"))
                        .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build());
            }
            await(journey, admin, id);
            System.out.printf("consumer run %d: %.0f events/s without a backtest, %.0f with one (%s at the end)%n",
                    run + 1, without.get(run), with.get(run), state);
        }
        double a = ConsumerBenchmark.median(without);
        double b = ConsumerBenchmark.median(with);
        System.out.printf("consumer, %d records each run: median %.0f events/s without, %.0f with a backtest running;"
                + " ratio %.2f (%.0f %% slower)%n", events, a, b, b / a, 100 * (1 - b / a));
    }

    private static String start(String journey, String admin, String body) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(journey + "/api/v1/rules/backtests"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("backtest refused: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static JsonNode status(String journey, String admin, String id) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(journey + "/api/v1/rules/backtests/" + id))
                .header("Authorization", admin).GET().build()).body());
    }

    private static JsonNode await(String journey, String admin, String id) throws Exception {
        while (true) {
            JsonNode status = status(journey, admin, id);
            if (!"RUNNING".equals(status.path("status").asText())) {
                return status;
            }
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
