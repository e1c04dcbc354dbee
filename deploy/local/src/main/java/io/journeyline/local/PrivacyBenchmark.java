package io.journeyline.local;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The privacy work's costs against a running local stack, measured from outside; prints medians, asserts nothing.
 * <ol>
 * <li>the subject-access export of a customer with {@code --events} timeline entries (written straight into the
 * journey database): its time and size, {@code --runs} times;</li>
 * <li>the access log's cost on an agent's timeline read ({@code limit=50}, a customer with 20 events): p50 and p99 of
 * {@code --reads} sequential reads on this stack and, with {@code --before OFFSET:DATA_DIR}, on a stack of a build
 * without the access log, in alternating rounds — the ratio of medians; then the same with {@code --clients} (8)
 * clients at once, where the access log's group commit writes one insert for several reads;</li>
 * <li>the erasure of that customer: until the 202 (journey-service's own part, in the request) and until COMPLETE;</li>
 * <li>the purge rate: {@code --purge} timeline entries dated 26 months ago, timed from their first deletion until none
 * is left (start the stack with {@code JOURNEYLINE_RETENTION_INTERVAL=PT5S}, or it waits up to 10 minutes).</li>
 * </ol>
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.PrivacyBenchmark [--port-offset 0]
 *     [--data-dir deploy/local/data] [--events 100000] [--runs 5] [--reads 2000] [--purge 1000000]
 *     [--before 100:/tmp/before-data] [--clients 8]</pre>
 */
public final class PrivacyBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrivacyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int events = 100_000;
        int runs = 5;
        int reads = 2_000;
        int purge = 1_000_000;
        String before = null;
        int clients = 8;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--reads" -> reads = Integer.parseInt(args[++i]);
                case "--purge" -> purge = Integer.parseInt(args[++i]);
                case "--before" -> before = args[++i];
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Stack after = new Stack("this build", offset, Keys.writtenTokens(dataDir));
        String heavy = "bench-heavy-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = "bench-reader-" + UUID.randomUUID().toString().substring(0, 8);
        seed(after, heavy, events, 0);
        seed(after, reader, 20, 0);
        System.out.printf("seeded %s with %,d timeline entries and %s with 20%n", heavy, events, reader);

        List<Double> exportMs = new ArrayList<>();
        long bytes = 0;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> export = HTTP.send(after.get("/api/v1/privacy/customers/" + heavy + "/export", "PRIVACY"),
                    HttpResponse.BodyHandlers.ofByteArray());
            exportMs.add((System.nanoTime() - start) / 1e6);
            check(export.statusCode(), 200, "export");
            bytes = export.body().length;
        }
        System.out.printf("export of a customer with %,d events: median %.0f ms over %d runs (min %.0f, max %.0f), %.1f MB%n",
                events, median(exportMs), runs, Collections.min(exportMs), Collections.max(exportMs), bytes / 1e6);

        Stack old = null;
        if (before != null) {
            String[] parts = before.split(":", 2);
            old = new Stack("before", Integer.parseInt(parts[0]), Keys.writtenTokens(Path.of(parts[1])));
            seed(old, reader, 20, 0);
        }
        long logged = accessLogRows(after);
        List<Double> withLog = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            withLog.addAll(reads(after, reader, reads / 3));
            if (old != null) {
                without.addAll(reads(old, reader, reads / 3));
            }
        }
        System.out.printf("timeline read (limit=50), agent, sequential: %s p50 %.2f ms, p99 %.2f ms (%,d access-log rows written)%n",
                after.name, median(withLog), percentile(withLog, 0.99), accessLogRows(after) - logged);
        if (old != null) {
            System.out.printf("  %s p50 %.2f ms, p99 %.2f ms; ratio of medians %.2f%n", old.name, median(without),
                    percentile(without, 0.99), median(withLog) / median(without));
        }
        if (clients > 1) {
            List<Double> withLogConcurrent = new ArrayList<>();
            List<Double> withoutConcurrent = new ArrayList<>();
            double[] seconds = new double[2];
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                withLogConcurrent.addAll(concurrentReads(after, reader, reads / 3, clients));
                seconds[0] += (System.nanoTime() - start) / 1e9;
                if (old != null) {
                    start = System.nanoTime();
                    withoutConcurrent.addAll(concurrentReads(old, reader, reads / 3, clients));
                    seconds[1] += (System.nanoTime() - start) / 1e9;
                }
            }
            System.out.printf("timeline read, %d clients: %s p50 %.2f ms, p99 %.2f ms, %.0f reads/s%n", clients,
                    after.name, median(withLogConcurrent), percentile(withLogConcurrent, 0.99),
                    withLogConcurrent.size() / seconds[0]);
            if (old != null) {
                System.out.printf("  %s p50 %.2f ms, p99 %.2f ms, %.0f reads/s; ratio of medians %.2f%n", old.name,
                        median(withoutConcurrent), percentile(withoutConcurrent, 0.99),
                        withoutConcurrent.size() / seconds[1], median(withLogConcurrent) / median(withoutConcurrent));
            }
        }

        long asked = System.nanoTime();
        HttpResponse<String> erasure = HTTP.send(after.post("/api/v1/privacy/erasures", "PRIVACY",
                "{\"customerId\":\"" + heavy + "\",\"reason\":\"benchmark\"}"), HttpResponse.BodyHandlers.ofString());
        double accepted = (System.nanoTime() - asked) / 1e6;
        check(erasure.statusCode(), 202, "erasure");
        String erasureId = erasure.body().replaceAll(".*\"erasureId\":\"([^\"]+)\".*", "$1");
        String status = "";
        while (!status.contains("\"COMPLETE\"") && System.nanoTime() - asked < Duration.ofMinutes(2).toNanos()) {
            Thread.sleep(100);
            status = HTTP.send(after.get("/api/v1/privacy/erasures/" + erasureId, "PRIVACY"),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
        System.out.printf("erasure of that customer: 202 after %.0f ms (journey-service's %,d rows in the request), "
                + "COMPLETE after %.0f ms%n", accepted, events, (System.nanoTime() - asked) / 1e6);

        if (purge > 0) {
            seed(after, "bench-purge-" + UUID.randomUUID().toString().substring(0, 8), purge, 800);
            try (Connection db = after.journeyDb(); Statement sql = db.createStatement()) {
                Instant waitFrom = Instant.now();
                long left = count(sql);
                while (left >= purge && Duration.between(waitFrom, Instant.now()).toMinutes() < 10) {
                    Thread.sleep(200);
                    left = count(sql);
                }
                long first = System.nanoTime();
                long startLeft = left;
                while (left > 0) {
                    Thread.sleep(200);
                    left = count(sql);
                }
                double seconds = (System.nanoTime() - first) / 1e9;
                System.out.printf("purge: %,d expired timeline entries deleted in %.1f s after the first went: %,.0f rows/s%n",
                        startLeft, seconds, startLeft / Math.max(seconds, 0.001));
            }
        }
    }

    /** {@code events} timeline entries of {@code customer}, dated from {@code daysAgo} days ago back, one a minute. */
    static void seed(Stack stack, String customer, int events, int daysAgo) throws SQLException {
        try (Connection db = stack.journeyDb(); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into customers (id, first_seen_at, last_seen_at, event_count)
                    values ('%1$s', now() - interval '%3$d days' - interval '%2$d minutes', now() - interval '%3$d days', %2$d)
                    on conflict do nothing""".formatted(customer, events, daysAgo));
            sql.execute("""
                    insert into timeline_entries (customer_id, event_source, event_id, type, occurred_at, channel, touchpoint,
                        summary, data, recorded_at)
                    select '%1$s', '/bench', '%1$s-' || g, 'io.journeyline.touchpoint.recorded',
                        now() - interval '%3$d days' - (g || ' minutes')::interval, 'web', 'checkout.payment',
                        'visit at checkout.payment via web',
                        '{"customerId":"%1$s","channel":"web","touchpoint":"checkout.payment","action":"visit",' ||
                        '"outcome":"success","attributes":{"orderId":"o-' || g || '","basket":"' || md5(g::text) || '"}}',
                        now()
                    from generate_series(1, %2$d) g""".formatted(customer, events, daysAgo));
        }
    }

    private static long count(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery("select count(*) from timeline_entries where occurred_at < now() - interval '762 days'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long accessLogRows(Stack stack) throws SQLException {
        try (Connection db = stack.journeyDb(); Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("select count(*) from platform_access_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Double> reads(Stack stack, String customer, int n) throws Exception {
        List<Double> ms = new ArrayList<>(n);
        HttpRequest read = stack.get("/api/v1/customers/" + customer + "/timeline?limit=50", "AGENT");
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = HTTP.send(read, HttpResponse.BodyHandlers.discarding());
            ms.add((System.nanoTime() - start) / 1e6);
            check(response.statusCode(), 200, "timeline read on " + stack.name);
        }
        return ms;
    }

    /** {@code n} reads by {@code clients} clients at once, each reading as soon as its last answer came. */
    private static List<Double> concurrentReads(Stack stack, String customer, int n, int clients) throws Exception {
        List<Double> all = java.util.Collections.synchronizedList(new ArrayList<>(n));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<List<Double>>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> reads(stack, customer, n / clients)));
        }
        for (var future : done) {
            all.addAll(future.get());
        }
        pool.shutdown();
        return all;
    }

    private static void check(int status, int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    /** A running stack: its journey-service and database, and its tokens. */
    record Stack(String name, int offset, Map<String, String> tokens) {
        HttpRequest get(String path, String role) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + (8081 + offset) + path))
                    .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_" + role)).GET().build();
        }

        HttpRequest post(String path, String role, String json) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + (8081 + offset) + path))
                    .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_" + role))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }

        Connection journeyDb() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset) + "/journey",
                    PostgresServer.USER, PostgresServer.PASSWORD);
        }
    }
}
