package io.journeyline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The load harness: journey-service's throughput and latency on an everyday mix, measured from outside its JVM.
 *
 * <pre>
 * deploy/local/bench.sh load [--events 1000000] [--seed 7] [--port-offset N] [--limit-rows 200000]
 *     pre-loads N events (a seeded population's whole journeys over the last 30 days, times relative to now) onto
 *     journey.touchpoints and journey.feedback as fast as the broker takes them, and times journey-service until its
 *     consumer group's committed offsets reach the end of every topic it consumes (lag 0), the other services running
 *     and answering its interventions meanwhile
 * deploy/local/bench.sh load --rate 5000 --seconds 60 [--seed 7] [--port-offset N]
 *     a steady R events/s of the same mix, each event timed as it is sent: event → timeline latency p50/p99 and
 *     whether lag stays flat
 * </pre>
 *
 * Everything is sampled once a second from this process: the group's lag (Kafka admin), CPU seconds of each process of
 * the stack (/proc), PostgreSQL's rows written and WAL (pg_stat_database, pg_current_wal_lsn). The pre-load run also
 * measures, in the same run on the same database, the physical limit: batched {@code INSERT … ON CONFLICT} and COPY of
 * timeline-shaped rows, and prints the ratio. The build (commit) and every process's JVM flags are printed with the
 * figures. Asserts nothing; exits 1 only when the consumer does not catch up within {@code --timeout-minutes}.
 */
public final class LoadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "journey-service";
    private static final List<String> CONSUMED = List.of("journey.touchpoints", "journey.education", "journey.feedback");
    private static final String SOURCE = "/bench/load";

    private final int offset;
    private final Admin admin;
    private final Stack stack;
    /**
     * Where each partition ended when first sampled: the position of a partition the group has not committed on yet
     * (nothing for journey-service there so far), so records from before the run do not count as lag.
     */
    private final Map<TopicPartition, Long> baseline = new HashMap<>();

    private LoadBenchmark(int offset) {
        this.offset = offset;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (LocalStack.KAFKA_PORT + offset));
        this.admin = Admin.create(props);
        this.stack = Stack.find(offset);
    }

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        long seed = 7;
        int offset = 0;
        int rate = 0;
        int seconds = 60;
        int limitRows = 200_000;
        int timeoutMinutes = 120;
        int timers = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--limit-rows" -> limitRows = Integer.parseInt(args[++i]);
                case "--timeout-minutes" -> timeoutMinutes = Integer.parseInt(args[++i]);
                case "--timers" -> timers = Integer.parseInt(args[++i]);
                case "--data-dir" -> i++; // accepted like the other benchmarks; nothing here reads the data folder
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LoadBenchmark bench = new LoadBenchmark(offset);
        describeBuild(bench.stack);
        boolean caughtUp = timers > 0 ? bench.timers(timers, Duration.ofMinutes(timeoutMinutes))
                : rate > 0 ? bench.steady(rate, seconds, seed, Duration.ofMinutes(timeoutMinutes))
                : bench.preload(events, seed, limitRows, Duration.ofMinutes(timeoutMinutes));
        bench.admin.close();
        System.exit(caughtUp ? 0 : 1);
    }

    // --- the two modes ---

    private boolean preload(int events, long seed, int limitRows, Duration timeout) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Mix.Event> mix = Mix.everyday(run, events, new Random(seed), Instant.now());
        System.out.printf("pre-load: %,d events of %,d customers (everyday mix over the last 30 days, seed %d)%n",
                mix.size(), mix.stream().map(Mix.Event::customer).distinct().count(), seed);
        List<ProducerRecord<String, byte[]>> records = mix.stream().map(event -> event.record(null)).toList();
        Sample start = sample();
        Waits waits = Waits.start(this::journeyDatabase);
        if (start.lag() > 0) {
            System.out.printf("  journey-service still has %,d events to consume from before: wait for lag 0 and run again%n",
                    start.lag());
            return false;
        }
        try (KafkaProducer<String, byte[]> producer = producer()) {
            records.forEach(producer::send);
            producer.flush();
        }
        Sample produced = sample();
        Duration producing = Duration.between(start.at(), produced.at());
        System.out.printf("  produced in %.1f s (%,.0f events/s into Kafka, the consumer already at work)%n",
                seconds(producing), mix.size() / seconds(producing));
        List<Sample> series = new ArrayList<>(List.of(produced));
        series.addAll(untilCaughtUp(produced, timeout));
        Sample end = series.get(series.size() - 1);
        report(start, end, series, mix.size());
        waits.stopAndReport();
        if (end.lag() > 0) {
            return false;
        }
        double rate = (end.committed() - start.committed()) / seconds(Duration.between(start.at(), end.at()));
        Limit limit = physicalLimit(limitRows);
        System.out.printf("  physical limit, same run, same database: INSERT … ON CONFLICT %,.0f rows/s, COPY %,.0f rows/s"
                + " (timeline-shaped rows with its indexes, 1,000 per statement, %d connections)%n", limit.insert(), limit.copy(),
                limit.connections());
        System.out.printf("  journey-service reached %.1f %% of the INSERT limit, %.1f %% of COPY%n",
                100 * rate / limit.insert(), 100 * rate / limit.copy());
        return true;
    }

    private boolean steady(int rate, int seconds, long seed, Duration timeout) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Mix.Event> mix = Mix.everyday(run, rate * seconds, new Random(seed), Instant.now());
        System.out.printf("steady: %,d events/s for %d s (the everyday mix's sequence, each event timed as it is sent)%n",
                rate, seconds);
        Sample start = sample();
        Waits waits = Waits.start(this::journeyDatabase);
        List<Sample> series = new ArrayList<>();
        long tickNanos = 10_000_000L;
        long t0 = System.nanoTime();
        long nextSample = t0 + 1_000_000_000L;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int sent = 0;
            for (long tick = 0; sent < mix.size(); tick++) {
                long due = t0 + tick * tickNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                // as many as R events/s make by the end of this 10 ms tick (any R, not only multiples of 100)
                long dueBy = Math.min(mix.size(), (long) rate * (tick + 1) / 100);
                for (; sent < dueBy; sent++) {
                    producer.send(mix.get(sent).record(Instant.now()));
                }
                if (System.nanoTime() >= nextSample) {
                    series.add(sample());
                    nextSample += 1_000_000_000L;
                }
            }
            producer.flush();
        }
        Sample produced = sample();
        series.add(produced);
        System.out.printf("  sent %,d in %.1f s%n", mix.size(), seconds(Duration.between(start.at(), produced.at())));
        series.addAll(untilCaughtUp(produced, timeout));
        Sample end = series.get(series.size() - 1);
        report(start, end, series, mix.size());
        waits.stopAndReport();
        List<Sample> during = series.stream().filter(s -> !s.at().isAfter(produced.at())).toList();
        double slope = slope(during);
        long maxLag = during.stream().mapToLong(Sample::lag).max().orElse(0);
        System.out.printf("  lag while sending: max %,d, trend %+,.0f events/s (%s)%n", maxLag, slope,
                Math.abs(slope) < rate * 0.01 ? "flat" : slope > 0 ? "GROWING: the consumer falls behind" : "shrinking");
        try (Connection db = journeyDatabase(); PreparedStatement latency = db.prepareStatement("""
                select count(*), percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from recorded_at - occurred_at))
                from timeline_entries where event_source = ?""")) {
            latency.setString(1, SOURCE + "/" + run);
            try (ResultSet rs = latency.executeQuery()) {
                rs.next();
                Double[] p = (Double[]) rs.getArray(2).getArray();
                System.out.printf("  event → timeline (send time → the row's recorded_at, taken in the consumer's"
                        + " transaction): n %,d, p50 %.0f ms, p99 %.0f ms%n", rs.getLong(1), p[0] * 1000, p[1] * 1000);
            }
        }
        return end.lag() == 0;
    }

    /**
     * N absence timers due at once, as after an outage or a backfill: N customers' purchases an hour ago (each schedules
     * PP-NEW-CUSTOMER's 7-day absence check), consumed; then their checks are made due from outside (their due time set
     * to now in one statement) and timed until none is pending, sampled four times a second. Then checks that each
     * fired once (one pain point per customer) and follows what it asked for into education-service.
     */
    private boolean timers(int due, Duration timeout) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "timers-" + run + "-";
        String source = SOURCE + "/" + run;
        Instant purchased = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        System.out.printf("timers: %,d customers' purchases an hour ago, their PP-NEW-CUSTOMER absence checks then made"
                + " due at once%n", due);
        Sample start = sample();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int c = 0; c < due; c++) {
                Mix.Event purchase = Mix.touchpoint(source, prefix + c, purchased, "web", "checkout.payment", "purchase");
                purchase.data().put("outcome", "success");
                producer.send(purchase.record(null));
            }
            producer.flush();
        }
        List<Sample> consuming = untilCaughtUp(sample(), timeout);
        Sample consumed = consuming.get(consuming.size() - 1);
        String mine = "kind = 'rule-absence' and timer_key like '%|" + prefix + "%'";
        try (Connection db = journeyDatabase(); Statement statement = db.createStatement()) {
            long pending = count(statement, "select count(*) from platform_timers where status = 'PENDING' and " + mine);
            System.out.printf("  consumed in %.1f s; %,d absence checks pending%n",
                    seconds(Duration.between(start.at(), consumed.at())), pending);
            Sample before = sample();
            statement.executeUpdate("update platform_timers set due_at = now() where status = 'PENDING' and " + mine);
            long t0 = System.nanoTime();
            List<long[]> series = new ArrayList<>();
            long left = pending;
            while (left > 0 && System.nanoTime() - t0 < timeout.toNanos()) {
                Thread.sleep(250);
                left = count(statement, "select count(*) from platform_timers where " + mine);
                series.add(new long[]{System.nanoTime() - t0, left});
            }
            Sample after = sample();
            double elapsed = (series.get(series.size() - 1)[0]) / 1e9;
            System.out.println("  time series (seconds, checks left):");
            for (int i = 0; i < series.size(); i++) {
                if (i % 4 == 3 || i == series.size() - 1) {
                    System.out.printf("    %6.2f  %,9d%n", series.get(i)[0] / 1e9, series.get(i)[1]);
                }
            }
            long failed = count(statement, "select count(*) from platform_timers where status = 'FAILED' and " + mine);
            System.out.printf("  %,d absence checks fired in %.1f s: %,.0f timers/s (due → none pending, sampled from"
                    + " outside every 250 ms); %,d left, %,d FAILED%n", pending - left, elapsed, (pending - left) / elapsed,
                    left, failed);
            long painPoints = count(statement, "select count(*) from pain_points where rule_id = 'PP-NEW-CUSTOMER'"
                    + " and customer_id like '" + prefix + "%'");
            long customers = count(statement, "select count(distinct customer_id) from pain_points where rule_id ="
                    + " 'PP-NEW-CUSTOMER' and customer_id like '" + prefix + "%'");
            System.out.printf("  each once: %,d PP-NEW-CUSTOMER pain points for %,d customers (expected %,d of each)%n",
                    painPoints, customers, due);
            try (ResultSet rs = statement.executeQuery("select status || coalesce(' (' || suppressed_by || ')', ''),"
                    + " count(*) from interventions where customer_id like '" + prefix + "%' group by 1 order by 1")) {
                while (rs.next()) {
                    System.out.printf("  interventions %s: %,d%n", rs.getString(1), rs.getLong(2));
                }
            }
            System.out.println("  CPU seconds per process while firing:");
            after.cpuSeconds().forEach((process, cpu) -> System.out.printf("    %-18s %7.1f s%n", process,
                    cpu - before.cpuSeconds().getOrDefault(process, 0.0)));
            return left == 0 && failed == 0 && painPoints == due && customers == due;
        }
    }

    private static long count(Statement statement, String query) throws Exception {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- what is sampled ---

    /**
     * What journey-service's database connections are doing, sampled ten times a second from {@code pg_stat_activity}
     * on a connection of its own: working (active, no wait), waiting on a lock, on I/O or the WAL, or idle in a
     * transaction — waiting for journey-service to send the next statement. The shares say whether the database, the
     * locks or the service's own turn hold a batch back.
     */
    private static final class Waits {
        private final Map<String, Long> counts = new java.util.TreeMap<>();
        private final Thread thread;
        private volatile boolean running = true;
        private long samples;

        private Waits(DatabaseConnection connect) {
            thread = new Thread(() -> {
                try (Connection db = connect.open(); Statement statement = db.createStatement()) {
                    while (running) {
                        try (ResultSet rs = statement.executeQuery("""
                                select case when state = 'active' and wait_event is null then 'working'
                                            when state = 'active' then wait_event_type || ':' || wait_event
                                            else coalesce(state, 'starting') end
                                from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                                    and backend_type = 'client backend'""")) {
                            synchronized (counts) {
                                samples++;
                                while (rs.next()) {
                                    counts.merge(rs.getString(1), 1L, Long::sum);
                                }
                            }
                        }
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    System.out.println("  (database waits not sampled: " + e + ")");
                }
            }, "pg_stat_activity sampler");
            thread.setDaemon(true);
            thread.start();
        }

        static Waits start(DatabaseConnection connect) {
            return new Waits(connect);
        }

        void stopAndReport() throws InterruptedException {
            running = false;
            thread.join();
            synchronized (counts) {
                System.out.printf("  journey database connections, %,d samples at 10/s (mean connections in each state):%n",
                        samples);
                counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> System.out.printf("    %-32s %5.2f%n", e.getKey(), e.getValue() / (double) samples));
            }
        }
    }

    private interface DatabaseConnection {
        Connection open() throws Exception;
    }

    /** One second's view from outside: the group's committed offsets and lag, CPU per process, the database's writes. */
    private record Sample(Instant at, long committed, long lag, Map<String, Double> cpuSeconds, long rowsWritten,
                          long walBytes) {
    }

    private Sample sample() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(CONSUMED).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> partitions.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(partitions).all().get();
        long done = 0;
        long lag = 0;
        for (TopicPartition partition : partitions.keySet()) {
            baseline.putIfAbsent(partition, ends.get(partition).offset());
            OffsetAndMetadata at = committed.get(partition);
            long position = at == null ? baseline.get(partition) : at.offset();
            done += position;
            lag += Math.max(0, ends.get(partition).offset() - position);
        }
        long rows;
        long wal;
        try (Connection db = journeyDatabase(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select tup_inserted + tup_updated + tup_deleted,"
                     + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint from pg_stat_database"
                     + " where datname = current_database()")) {
            rs.next();
            rows = rs.getLong(1);
            wal = rs.getLong(2);
        }
        return new Sample(Instant.now(), done, lag, stack.cpuSeconds(), rows, wal);
    }

    /** Samples once a second until the group's lag is 0 (from {@code after} on), or the timeout. */
    private List<Sample> untilCaughtUp(Sample after, Duration timeout) throws Exception {
        List<Sample> series = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        Sample last = after;
        while (last.lag() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            last = sample();
            series.add(last);
        }
        if (series.isEmpty()) {
            series.add(last);
        }
        return series;
    }

    private void report(Sample start, Sample end, List<Sample> series, int sent) {
        double elapsed = seconds(Duration.between(start.at(), end.at()));
        long consumed = end.committed() - start.committed();
        System.out.println("  time series (every 10 s: seconds, events/s consumed, lag):");
        Sample previous = start;
        for (int i = 0; i < series.size(); i++) {
            Sample s = series.get(i);
            if (i % 10 == 9 || i == series.size() - 1) {
                System.out.printf("    %6.0f  %,9.0f  %,11d%n", seconds(Duration.between(start.at(), s.at())),
                        (s.committed() - previous.committed()) / Math.max(0.001, seconds(Duration.between(previous.at(), s.at()))),
                        s.lag());
                previous = s;
            }
        }
        if (end.lag() > 0) {
            System.out.printf("  NOT CAUGHT UP: lag %,d after %.0f s%n", end.lag(), elapsed);
        }
        System.out.printf("  journey-service consumed %,d events (%,d sent here, %,d the other services published in"
                + " response) in %.1f s: %,.0f events/s, first send → lag 0%n", consumed, sent, consumed - sent, elapsed,
                consumed / elapsed);
        System.out.printf("  journey database: %.1f rows written per event, %.0f bytes of WAL per event (the cluster's)%n",
                (end.rowsWritten() - start.rowsWritten()) / (double) consumed, (end.walBytes() - start.walBytes()) / (double) consumed);
        System.out.println("  CPU seconds per process over the run (of " + String.format("%.0f", elapsed)
                + " s wall, " + Runtime.getRuntime().availableProcessors() + " cores):");
        end.cpuSeconds().forEach((process, cpu) -> System.out.printf("    %-18s %7.1f s  (%.0f %% of one core)%n",
                process, cpu - start.cpuSeconds().getOrDefault(process, 0.0),
                100 * (cpu - start.cpuSeconds().getOrDefault(process, 0.0)) / elapsed));
    }

    /** Least-squares slope of lag over time, events per second. */
    private static double slope(List<Sample> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        Instant t0 = samples.get(0).at();
        double n = samples.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Sample s : samples) {
            double x = seconds(Duration.between(t0, s.at()));
            sx += x;
            sy += s.lag();
            sxx += x * x;
            sxy += x * s.lag();
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    // --- the physical limit ---

    private record Limit(double insert, double copy, int connections) {
    }

    /** Timeline-shaped rows into a scratch table of the journey database: batched INSERT … ON CONFLICT, then COPY. */
    private Limit physicalLimit(int rows) throws Exception {
        String table = "bench_limit_" + UUID.randomUUID().toString().substring(0, 8);
        int connections = Runtime.getRuntime().availableProcessors();
        try (Connection db = journeyDatabase(); Statement s = db.createStatement()) {
            s.execute("create table " + table + " (like timeline_entries including defaults including indexes)");
            try {
                Instant now = Instant.now();
                long began = System.nanoTime();
                parallel(connections, part -> insertRows(table, part, connections, rows, now));
                double insertRate = rows / ((System.nanoTime() - began) / 1e9);
                s.execute("truncate " + table);
                began = System.nanoTime();
                parallel(connections, part -> copyRows(table, part, connections, rows, now));
                double copyRate = rows / ((System.nanoTime() - began) / 1e9);
                return new Limit(insertRate, copyRate, connections);
            } finally {
                s.execute("drop table " + table);
            }
        }
    }

    private interface Part {
        void run(int part) throws Exception;
    }

    /** Runs {@code parts} parts at once, one thread (and connection) each. */
    private static void parallel(int parts, Part work) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int part = p;
            Thread thread = new Thread(() -> {
                try {
                    work.run(part);
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static final String LIMIT_COLUMNS = "(seq, customer_id, event_source, event_id, type, occurred_at, channel,"
            + " touchpoint, summary, data, recorded_at)";

    /** Rows {@code part}, {@code part + parts}, … as 1,000-row {@code INSERT … select from unnest(…)} statements. */
    private void insertRows(String table, int part, int parts, int rows, Instant now) throws Exception {
        String[] types = {"bigint", "text", "text", "text", "text", "timestamptz", "text", "text", "text", "text",
                "timestamptz"};
        try (Connection db = journeyDatabase(); PreparedStatement insert = db.prepareStatement("insert into " + table
                + " " + LIMIT_COLUMNS + " select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) on conflict do nothing")) {
            List<Object[]> mine = new ArrayList<>();
            for (int i = part; i < rows; i += parts) {
                mine.add(limitRow(i, now));
                if (mine.size() == 1000 || i + parts >= rows) {
                    for (int c = 0; c < types.length; c++) {
                        Object[] column = new Object[mine.size()];
                        for (int r = 0; r < mine.size(); r++) {
                            column[r] = mine.get(r)[c];
                        }
                        insert.setArray(c + 1, db.createArrayOf(types[c], column));
                    }
                    insert.executeUpdate();
                    mine.clear();
                }
            }
        }
    }

    /** The same rows through COPY, one COPY per part. */
    private void copyRows(String table, int part, int parts, int rows, Instant now) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = part; i < rows; i += parts) {
            text.append(Stream.of(limitRow(i, now)).map(v -> v instanceof Timestamp t ? t.toInstant().toString()
                    : v.toString()).collect(Collectors.joining("\t"))).append('\n');
        }
        try (Connection db = journeyDatabase()) {
            db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " " + LIMIT_COLUMNS + " from stdin",
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static Object[] limitRow(int i, Instant now) {
        String customer = "limit-" + (i % 50_000);
        Timestamp at = Timestamp.from(now.minusSeconds(i));
        return new Object[]{(long) i, customer, SOURCE, "limit-" + i, "io.journeyline.touchpoint.recorded", at, "app",
                "home", "app home visit", "{\"customerId\":\"" + customer
                + "\",\"channel\":\"app\",\"touchpoint\":\"home\",\"action\":\"visit\"}", at};
    }

    // --- the stack ---

    /** The checkout's commit and each process's JVM flags, printed with every run's figures. */
    static void describeBuild(Stack stack) throws Exception {
        Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
        String commit = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        System.out.println("build: " + commit + " (the checkout this runs from; the stack runs what run.sh built last)");
        stack.flags().forEach((process, flags) -> System.out.printf("  %-18s %s%n", process, flags));
    }

    private Connection journeyDatabase() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset) + "/journey",
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (LocalStack.KAFKA_PORT + offset));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        return new KafkaProducer<>(props);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The stack's processes, found by the ports they listen on, and read through /proc. */
    record Stack(Map<String, Long> pids) {
        static Stack find(int offset) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            LocalStack.SERVICES.forEach((name, port) -> ports.put(name + "-service", port + offset));
            ports.put("kafka", LocalStack.KAFKA_PORT + offset);
            ports.put("postgres", LocalStack.POSTGRES_PORT + offset);
            Map<String, Long> pids = new LinkedHashMap<>();
            ports.forEach((name, port) -> {
                Long pid = listening(port);
                if (pid == null) {
                    throw new IllegalStateException("nothing listens on " + port + " (" + name + "): is the stack up?");
                }
                pids.put(name, pid);
            });
            // journey-service's further instances (local-stack --journey-instances), when they run
            for (int instance = 2; instance <= LocalStack.MAX_JOURNEY_INSTANCES; instance++) {
                Long pid = listening(LocalStack.journeyPort(offset, instance));
                if (pid != null) {
                    pids.put("journey-service-" + instance, pid);
                }
            }
            return new Stack(pids);
        }

        /** The JVM flags of each Java process (what comes before -jar / -cp). */
        Map<String, String> flags() throws IOException {
            Map<String, String> flags = new LinkedHashMap<>();
            for (var entry : pids.entrySet()) {
                String[] args = Files.readString(Path.of("/proc/" + entry.getValue() + "/cmdline")).split("\0");
                List<String> jvm = new ArrayList<>();
                for (int i = 1; i < args.length && !args[i].equals("-jar") && !args[i].equals("-cp"); i++) {
                    jvm.add(args[i]);
                }
                flags.put(entry.getKey(), args[0].endsWith("java") ? "JVM " + String.join(" ", jvm) : args[0]);
            }
            return flags;
        }

        /** CPU seconds (user + system) each process used so far; postgres with its backends, live and ended. */
        Map<String, Double> cpuSeconds() throws IOException {
            Map<String, Double> cpu = new LinkedHashMap<>();
            for (var entry : pids.entrySet()) {
                long[] own = stat(entry.getValue());
                double ticks = own[0] + own[1];
                if (entry.getKey().equals("postgres")) {
                    ticks += own[2] + own[3];
                    try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                        for (Path p : all.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                            long[] child = stat(Long.parseLong(p.getFileName().toString()));
                            if (child != null && child[4] == entry.getValue()) {
                                ticks += child[0] + child[1];
                            }
                        }
                    }
                }
                cpu.put(entry.getKey(), ticks / 100.0);
            }
            return cpu;
        }

        /** utime, stime, cutime, cstime (clock ticks) and the parent's pid; null when the process is gone. */
        private static long[] stat(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                        Long.parseLong(f[14]), Long.parseLong(f[1])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** The process listening on a TCP port: its socket's inode in /proc/net/tcp*, then the process holding it. */
        private static Long listening(int port) {
            try {
                List<String> inodes = new ArrayList<>();
                for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                    List<String> lines = Files.readAllLines(Path.of(table));
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.trim().split("\\s+");
                        if (f[3].equals("0A") && Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16) == port) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                }
                try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                    for (Path p : all.filter(p -> p.getFileName().toString().matches("\\d+"))
                            .sorted(Comparator.comparing(p -> Long.parseLong(p.getFileName().toString()))).toList()) {
                        try (Stream<Path> fds = Files.list(p.resolve("fd"))) {
                            if (fds.anyMatch(fd -> {
                                try {
                                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                                } catch (IOException e) {
                                    return false;
                                }
                            })) {
                                return Long.parseLong(p.getFileName().toString());
                            }
                        } catch (IOException | SecurityException e) {
                            // a process that ended, or one we may not read
                        }
                    }
                }
                return null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The everyday mix: a seeded population, each customer's whole journey of about 20 events in its own order, the
     * customers' events merged in time order as a company's stream would carry them. Per customer: visits; a purchase
     * for 70 % (a first use within two days for half of them, so PP-NEW-CUSTOMER's absence timers come due for the
     * rest); three setup errors within an hour for 20 % (PP-REPEATED-ERRORS); a failed self-service then a call for
     * 15 %, a chat two days later for a third of those (PP-CHANNEL-SWITCH, PP-REPEAT-CONTACT); an NPS answer for 30 %
     * and a complaint for 5 % (on journey.feedback, as survey-service and feedback-service publish them); app visits to
     * fill the rest. Journeys start within the last 30 days; events in the future are left out.
     */
    static final class Mix {
        record Event(String customer, String topic, String type, String source, Instant time, ObjectNode data) {
            /** The record as an outside system sends it: binary mode; {@code sentAt}, when given, is the event's time. */
            ProducerRecord<String, byte[]> record(Instant sentAt) {
                return ConsumerBenchmark.binaryEvent(topic, customer, data.toString(), UUID.randomUUID().toString(), source,
                        type, null, (sentAt == null ? time : sentAt).toString());
            }
        }

        static List<Event> everyday(String run, int events, Random random, Instant now) {
            List<Event> all = new ArrayList<>(events + 40);
            String source = SOURCE + "/" + run;
            for (int c = 0; all.size() < events; c++) {
                String customer = "load-" + run + "-" + c;
                Instant t = now.minus(Duration.ofMinutes(random.nextInt(30 * 24 * 60))).truncatedTo(ChronoUnit.MILLIS);
                List<Event> journey = new ArrayList<>();
                for (int v = 0; v < 2 + random.nextInt(3); v++) {
                    journey.add(touchpoint(source, customer, t, "web", "home", "visit"));
                    t = t.plus(Duration.ofMinutes(1 + random.nextInt(120)));
                }
                if (random.nextDouble() < 0.7) {
                    journey.add(touchpoint(source, customer, t, "web", "checkout.payment", "purchase"));
                    journey.get(journey.size() - 1).data().put("outcome", "success");
                    t = t.plus(Duration.ofHours(1 + random.nextInt(48)));
                    if (random.nextDouble() < 0.5) {
                        journey.add(touchpoint(source, customer, t, "app", "dashboard", "feature_use"));
                        journey.get(journey.size() - 1).data().put("outcome", "success");
                    }
                }
                if (random.nextDouble() < 0.2) {
                    for (int e = 0; e < 3; e++) {
                        t = t.plus(Duration.ofMinutes(10));
                        journey.add(touchpoint(source, customer, t, "app", "setup.wifi", "error"));
                        journey.get(journey.size() - 1).data().put("outcome", "failure");
                    }
                }
                if (random.nextDouble() < 0.15) {
                    t = t.plus(Duration.ofHours(random.nextInt(24)));
                    journey.add(touchpoint(source, customer, t, "web", "returns.portal", "self_service"));
                    journey.get(journey.size() - 1).data().put("outcome", "failure").put("topic", "returns");
                    t = t.plus(Duration.ofMinutes(40));
                    journey.add(touchpoint(source, customer, t, "phone", "hotline", "contact"));
                    journey.get(journey.size() - 1).data().put("topic", "returns").put("waitMs", 120_000);
                    if (random.nextDouble() < 0.33) {
                        t = t.plus(Duration.ofDays(2));
                        journey.add(touchpoint(source, customer, t, "chat", "chat", "contact"));
                        journey.get(journey.size() - 1).data().put("topic", "returns");
                    }
                }
                if (random.nextDouble() < 0.3) {
                    t = t.plus(Duration.ofHours(1 + random.nextInt(72)));
                    ObjectNode answer = JSON.createObjectNode().put("customerId", customer).put("surveyId", "relationship-nps")
                            .put("surveyKind", "NPS").put("responseId", "r-" + run + "-" + c);
                    answer.putObject("scores").put("primary", Math.min(10, Math.max(0, (int) Math.round(7.5 + 2.5 * random.nextGaussian()))));
                    journey.add(new Event(customer, "journey.feedback", "io.journeyline.survey.responded",
                            "/journeyline/survey-service", t, answer));
                }
                if (random.nextDouble() < 0.05) {
                    t = t.plus(Duration.ofHours(1 + random.nextInt(24)));
                    journey.add(new Event(customer, "journey.feedback", "io.journeyline.feedback.received",
                            "/journeyline/feedback-service", t, JSON.createObjectNode().put("customerId", customer)
                            .put("feedbackId", "f-" + run + "-" + c).put("kind", "complaint")
                            .put("category", "BILLING_FEES").put("channel", "phone").put("topic", "pricing")));
                }
                int visits = 20 - journey.size() + random.nextInt(7) - 3;
                for (int v = 0; v < visits; v++) {
                    t = t.plus(Duration.ofMinutes(5 + random.nextInt(24 * 60)));
                    journey.add(touchpoint(source, customer, t, "app", "home", "visit"));
                }
                journey.stream().filter(event -> event.time().isBefore(now)).forEach(all::add);
            }
            all.sort(Comparator.comparing(Event::time));
            return all.size() > events ? new ArrayList<>(all.subList(0, events)) : all;
        }

        static Event touchpoint(String source, String customer, Instant time, String channel, String touchpoint,
                                        String action) {
            return new Event(customer, "journey.touchpoints", "io.journeyline.touchpoint.recorded", source, time,
                    JSON.createObjectNode().put("customerId", customer).put("channel", channel)
                            .put("touchpoint", touchpoint).put("action", action));
        }
    }
}
