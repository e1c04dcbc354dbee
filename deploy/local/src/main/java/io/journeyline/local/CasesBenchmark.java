package io.journeyline.local;

import org.apache.kafka.clients.producer.KafkaProducer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * feedback-service under load, against a running local stack; prints medians, asserts nothing.
 *
 * <ol>
 *   <li>Cases opened per second from a burst of complaints over HTTP ({@code --burst} complaints from as many
 *       customers, {@code --concurrency} in flight; each answer means its case is committed), and from a burst of
 *       journey-service case requests on {@code journey.interventions} (timed until the cases table has them all).</li>
 *   <li>The SLA clocks with {@code --open} open cases (their clocks' warning and breach timers pending): the timer
 *       poller's query for the next due timer, timed by PostgreSQL ({@code EXPLAIN ANALYZE}, median of
 *       {@code --samples}); then {@code --due} HIGH complaints taken 5 h ago (acknowledge within 4 h), whose warnings
 *       and breaches are due at once, timed until the poller has fired them all (each breach publishes
 *       {@code case.sla-breached} and escalates).</li>
 * </ol>
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.CasesBenchmark [--port-offset 0]
 *     [--data-dir deploy/local/data] [--burst 5000] [--runs 3] [--concurrency 32] [--open 100000] [--due 2000]</pre>
 */
public final class CasesBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String feedback;
    private final String kafka;
    private final String jdbc;
    private final String token;
    private final int concurrency;

    private CasesBenchmark(int offset, String token, int concurrency) {
        this.feedback = "http://localhost:" + (8084 + offset);
        this.kafka = "localhost:" + (9092 + offset);
        this.jdbc = "jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset) + "/feedback";
        this.token = token;
        this.concurrency = concurrency;
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int burst = 5_000;
        int runs = 3;
        int concurrency = 32;
        int open = 100_000;
        int due = 2_000;
        int samples = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--burst" -> burst = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--open" -> open = Integer.parseInt(args[++i]);
                case "--due" -> due = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> tokens = Keys.writtenTokens(dataDir);
        CasesBenchmark bench = new CasesBenchmark(offset, tokens.get("JOURNEYLINE_TOKEN_AGENT"), concurrency);

        bench.complaints(500, i -> bench.complaint("NORMAL", null));    // warm-up
        List<Double> viaHttp = new ArrayList<>();
        List<Double> viaKafka = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            viaHttp.add(bench.httpBurst(burst));
            viaKafka.add(bench.kafkaBurst(burst));
            System.out.printf("run %d: %.0f cases/s from complaints over HTTP, %.0f cases/s from case requests on Kafka%n",
                    run + 1, viaHttp.get(run), viaKafka.get(run));
        }
        System.out.printf("cases opened per second, bursts of %d, %d runs: HTTP complaints median %.0f, Kafka case "
                + "requests median %.0f%n", burst, runs, ConsumerBenchmark.median(viaHttp), ConsumerBenchmark.median(viaKafka));

        bench.fillTo(open);
        System.out.printf("%d open cases, %d pending timers%n", bench.count("select count(*) from cases where status <> 'CLOSED'"),
                bench.count("select count(*) from platform_timers where status = 'PENDING'"));
        System.out.printf("the poller's query for the next due timer: median %.3f ms (PostgreSQL's execution time, %d samples)%n",
                bench.pollQueryMillis(samples), samples);
        double rate = bench.overdueBurst(due);
        System.out.printf("%d overdue HIGH complaints among them: warnings and breaches fired at %.0f cases/s "
                + "(timed from the first complaint to the last breach)%n", due, rate);
    }

    /** Posts {@code n} complaints, {@code concurrency} in flight; each 201 means the case is committed. */
    private double complaints(int n, IntFunction<String> body) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> sent = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(feedback + "/api/v1/feedback"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(i))).build();
            sent.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null || response.statusCode() != 201) {
                    throw new IllegalStateException("feedback refused: " + (failure != null ? failure : response.body()));
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private String complaint(String severity, OffsetDateTime receivedAt) {
        return "{\"customerId\":\"bench-case-" + UUID.randomUUID() + "\",\"kind\":\"complaint\",\"category\":\"DELIVERY\","
                + "\"channel\":\"phone\",\"topic\":\"parcel\",\"severity\":\"" + severity + "\","
                + "\"text\":\"The parcel came late and the box was crushed.\""
                + (receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\"") + "}";
    }

    private double httpBurst(int n) throws Exception {
        return complaints(n, i -> complaint("NORMAL", null));
    }

    /** Case requests as journey-service sends them; timed until the cases table holds them all. */
    private double kafkaBurst(int n) throws Exception {
        long before = count("select count(*) from cases");
        String run = UUID.randomUUID().toString();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = ConsumerBenchmark.producer(kafka)) {
            for (int i = 0; i < n; i++) {
                String customer = "bench-request-" + run + "-" + i;
                producer.send(ConsumerBenchmark.interventionRequest("case-requested", customer, run + "-" + i,
                        "{\"customerId\":\"" + customer + "\",\"interventionId\":\"" + run + "-" + i
                        + "\",\"painPointId\":\"pp-" + run + "-" + i + "\",\"severity\":\"HIGH\",\"reason\":\"bench\","
                        + "\"evidence\":[\"e-" + i + "\"],\"topic\":\"billing\",\"priority\":\"HIGH\"}"));
            }
            producer.flush();
        }
        waitUntil("select count(*) from cases", before + n, Duration.ofMinutes(10));
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private void fillTo(int open) throws Exception {
        long have = count("select count(*) from cases where status <> 'CLOSED'");
        while (have < open) {
            int step = (int) Math.min(10_000, open - have);
            double rate = complaints(step, i -> complaint("LOW", null));
            have = count("select count(*) from cases where status <> 'CLOSED'");
            System.out.printf("  … %d open cases (%.0f/s)%n", have, rate);
        }
    }

    private double pollQueryMillis(int samples) throws SQLException {
        List<Double> millis = new ArrayList<>();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            for (int i = 0; i < samples; i++) {
                try (ResultSet plan = statement.executeQuery("""
                        explain (analyze, format text) select kind, timer_key, due_at, payload, attempts, traceparent
                        from platform_timers where status = 'PENDING' and due_at <= now()
                        order by due_at, kind, timer_key limit 1 for update skip locked""")) {
                    while (plan.next()) {
                        String line = plan.getString(1);
                        if (line.startsWith("Execution Time:")) {
                            millis.add(Double.parseDouble(line.replaceAll("[^0-9.]", "")));
                        }
                    }
                }
            }
        }
        return ConsumerBenchmark.median(millis);
    }

    /** HIGH complaints taken 5 h ago: warning and breach due at once; timed until the poller fired both for each. */
    private double overdueBurst(int n) throws Exception {
        String fired = "select count(*) from case_history where action = 'sla-breached'";
        long before = count(fired);
        long start = System.nanoTime();
        OffsetDateTime fiveHoursAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5);
        complaints(n, i -> complaint("HIGH", fiveHoursAgo));
        waitUntil(fired, before + n, Duration.ofMinutes(10));
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private void waitUntil(String countQuery, long atLeast, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (count(countQuery) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not there within " + patience + ": " + countQuery);
            }
            Thread.sleep(50);
        }
    }

    private long count(String query) throws SQLException {
        return PostgresServer.count(jdbc, query);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbc, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
