package io.journeyline.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/chaos.sh soak}: the chaos harness's load for N minutes (climbing to its rate over the first three),
 * with retentions shortened so that purging is part of the steady state, plus agent reads (timeline pages and journeys
 * of customers the load just wrote to, open loop, half each). Sampled from outside: journey-service's lag every second;
 * per minute the event → timeline latency (the consumer's recorded_at − the send time), the reads' latencies, each
 * process's RSS (/proc), each JVM's heap right after a full GC (jcmd, then its /q/metrics), each database's and each
 * table's size (soak-tables.csv), the timeline's rows. Writes {@code soak.csv} and
 * {@code soak.md} to the output folder (chaos.sh draws {@code soak.svg} from the CSV with gnuplot) and judges: lag flat,
 * RSS and heap within 10 % of their size after the warm-up, no ERROR line in any log, nothing dead-lettered.
 */
final class Soak {
    /** Everything a soak of half an hour should see purged at least twice (each of these defaults to years). */
    static final Map<String, String> SHORT_RETENTIONS = new LinkedHashMap<>();

    static {
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_INTERVAL", "PT1M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_DEDUPE", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_JOURNEY_TIMELINE", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_JOURNEY_PAIN_POINTS", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_SURVEY_RESPONSES", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_SURVEY_INVITATIONS", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_EDUCATION_FINISHED_ASSIGNMENTS", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_FEEDBACK_CLOSED_CASES", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_RETENTION_FEEDBACK_FEEDBACK_ITEMS", "PT5M");
        SHORT_RETENTIONS.put("JOURNEYLINE_AUDIT_RETENTION", "PT5M");
    }

    /**
     * Minutes at the start that are warm-up (the ramp, then the shortened retentions' first purge, so that every table
     * has reached its steady size): growth is judged against the end of it.
     */
    static final int WARM_UP_MINUTES = 8;
    static final double ALLOWED_GROWTH = 0.10;
    /** The load climbs to its rate over the first minutes of the warm-up, while the JVMs compile. */
    static final Duration RAMP = Duration.ofMinutes(3);
    private static final List<String> JVMS = List.of("journey-service", "survey-service", "education-service",
            "feedback-service", "console");
    private static final List<String> PROCESSES = List.of("journey-service", "survey-service", "education-service",
            "feedback-service", "console", "kafka");
    /** The JDK's jcmd beside the java running this harness (the services run on the same one). */
    private static final String JCMD = ProcessHandle.current().info().command()
            .map(java -> Path.of(java).resolveSibling("jcmd").toString()).orElse("jcmd");
    private static final List<String> DATABASES = List.of("journey", "survey", "education", "feedback");

    private final Chaos chaos;
    private final int minutes;
    private final int reads;
    private final Path out;
    private final List<long[]> lagSamples = new CopyOnWriteArrayList<>(); // {epoch ms, lag}
    /** {kind (0 timeline, 1 journey), ms, HTTP status or 0 when no answer came}. */
    private final ConcurrentLinkedQueue<double[]> readSamples = new ConcurrentLinkedQueue<>();
    /** The answers other than 200, per read and status ("journey 404"), over the whole soak. */
    private final Map<String, Long> readFailures = new TreeMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    /** minute, database, table, MiB (with indexes and TOAST), live rows: soak-tables.csv. */
    private final StringBuilder tableSizes = new StringBuilder();
    private final Set<String> unmeasured = ConcurrentHashMap.newKeySet();

    Soak(Chaos chaos, int minutes, int reads, Path out) {
        this.chaos = chaos;
        this.minutes = minutes;
        this.reads = reads;
        this.out = out;
    }

    boolean run() throws Exception {
        Files.createDirectories(out);
        System.out.printf("soak: %d minutes at %,d events/s (reached after a %d-minute ramp; + %d/s HTTP ingest) and %d"
                        + " agent reads/s; retentions %s%n", minutes, chaos.rate(), RAMP.toMinutes(), chaos.load().httpRate,
                reads, SHORT_RETENTIONS);
        Map<String, Long> logStarts = logSizes();
        long deadLettersBefore = deadLetters();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        Random random = new Random(11);
        Map<String, String> tokens = Keys.writtenTokens(chaos.dataDir());
        chaos.load().rampOver(RAMP);
        chaos.load().resume();
        scheduler.scheduleAtFixedRate(this::sampleLag, 0, 1, TimeUnit.SECONDS);
        if (reads > 0) {
            long[] n = {0};
            scheduler.scheduleAtFixedRate(() -> read(tokens.get("JOURNEYLINE_TOKEN_AGENT"), random, n[0]++),
                    1_000_000 / reads, 1_000_000 / reads, TimeUnit.MICROSECONDS);
        }
        Instant begin = Instant.now();
        for (int minute = 1; minute <= minutes; minute++) {
            Instant end = begin.plus(Duration.ofMinutes(minute));
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), end).toMillis()));
            rows.add(minute(minute, end.minus(Duration.ofMinutes(1)), end));
            System.out.println("  " + describe(rows.get(rows.size() - 1)));
        }
        chaos.load().pause();
        scheduler.shutdownNow();
        writeCsv();
        return judge(logStarts, deadLettersBefore);
    }

    // --- sampling ---

    private void sampleLag() {
        try {
            lagSamples.add(new long[]{System.currentTimeMillis(), chaos.groupLag().getOrDefault("journey-service", 0L)});
        } catch (Exception e) {
            System.err.println("lag not sampled: " + e.getMessage());
        }
    }

    /** A JVM's memory in MiB: heap in use right after a full collection, heap committed, non-heap in use. */
    private record Memory(long liveHeap, long committedHeap, long nonHeap) {
        static final Memory NONE = new Memory(0, 0, 0);
    }

    /**
     * Each JVM's heap right after a full collection (jcmd GC.run, then its /q/metrics): what stays live, the figure a
     * leak grows; a sample taken at any other moment mostly measures how long ago the last collection ran. With it the
     * heap the JVM has committed and the non-heap in use, which tell an RSS that grows with the heap's sizing from one
     * that grows outside it.
     */
    private Memory memory(String jvm, Long pid) {
        int port = jvm.equals("console") ? LocalStack.CONSOLE_PORT : LocalStack.SERVICES.get(jvm.replace("-service", ""));
        try {
            if (pid == null || new ProcessBuilder(JCMD, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
                return Memory.NONE;
            }
            String metrics = Chaos.Load.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + LocalStack.managementPort(port + chaos.offset()) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!metrics.contains("jvm_memory_used_bytes{") && unmeasured.add(jvm)) {
                System.err.println("soak: " + jvm + "'s /q/metrics has no jvm_memory_used_bytes");
            }
            return new Memory(mib(metrics, "jvm_memory_used_bytes{", "heap"),
                    mib(metrics, "jvm_memory_committed_bytes{", "heap"), mib(metrics, "jvm_memory_used_bytes{", "nonheap"));
        } catch (IOException e) {
            return Memory.NONE; // a service restarting: no sample this minute
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Memory.NONE;
        }
    }

    /** The sum over a Prometheus metric's pools of one memory area, in MiB. */
    private static long mib(String metrics, String metric, String area) {
        return (long) metrics.lines().filter(line -> line.startsWith(metric) && line.contains("area=\"" + area + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum() >> 20;
    }

    private void read(String token, Random random, long n) {
        String customer = chaos.load().recentCustomer(random);
        if (customer == null) {
            return;
        }
        boolean timeline = n % 2 == 0;
        String path = timeline ? "/timeline?limit=50" : "/journey";
        long start = System.nanoTime();
        Chaos.Load.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(chaos.url("journey") + "/api/v1/customers/"
                                + customer + path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> readSamples.add(new double[]{timeline ? 0 : 1,
                        (System.nanoTime() - start) / 1e6, failure != null ? 0 : response.statusCode()}));
    }

    /** One minute's row: what was sampled during it, and what the databases and /proc say at its end. */
    private Map<String, Object> minute(int minute, Instant from, Instant to) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("minute", minute);
        long lagMax = lagSamples.stream().filter(s -> s[0] >= from.toEpochMilli() && s[0] < to.toEpochMilli())
                .mapToLong(s -> s[1]).max().orElse(-1);
        row.put("lag_max", lagMax);
        try (Connection db = chaos.database("journey"); PreparedStatement latency = db.prepareStatement("""
                select count(*), coalesce(percentile_cont(array[0.5, 0.99]) within group
                    (order by extract(epoch from recorded_at - occurred_at)), array[0, 0]::float8[])
                from timeline_entries
                where occurred_at >= ? and recorded_at >= ? and recorded_at < ? and event_source like ?""")) {
            latency.setTimestamp(1, Timestamp.from(from.minus(Duration.ofMinutes(5))));
            latency.setTimestamp(2, Timestamp.from(from));
            latency.setTimestamp(3, Timestamp.from(to));
            latency.setString(4, "/bench/load/" + chaos.run() + "%");
            try (ResultSet rs = latency.executeQuery()) {
                rs.next();
                Double[] p = (Double[]) rs.getArray(2).getArray();
                row.put("e2e_n", rs.getLong(1));
                row.put("e2e_p50_ms", Math.round(p[0] * 1000));
                row.put("e2e_p99_ms", Math.round(p[1] * 1000));
            }
        }
        List<double[]> taken = new ArrayList<>();
        for (double[] sample; (sample = readSamples.poll()) != null; ) {
            taken.add(sample);
        }
        for (int kind = 0; kind < 2; kind++) {
            int k = kind;
            List<Double> ok = taken.stream().filter(s -> s[0] == k && s[2] == 200).map(s -> s[1]).sorted().toList();
            String name = kind == 0 ? "timeline" : "journey";
            row.put(name + "_n", ok.size());
            row.put(name + "_failed", taken.stream().filter(s -> s[0] == k && s[2] != 200).count());
            synchronized (readFailures) {
                taken.stream().filter(s -> s[0] == k && s[2] != 200).forEach(s -> readFailures.merge(
                        name + " " + (s[2] == 0 ? "no answer in 30 s" : Integer.toString((int) s[2])), 1L, Long::sum));
            }
            row.put(name + "_p50_ms", percentile(ok, 50));
            row.put(name + "_p99_ms", percentile(ok, 99));
        }
        Map<String, Long> pids = Leftovers.recorded(chaos.dataDir());
        for (String process : PROCESSES) {
            row.put("rss_mib_" + process, residentMiB(pids.get(process)));
        }
        for (String jvm : JVMS) {
            Memory memory = memory(jvm, pids.get(jvm));
            row.put("heap_live_mib_" + jvm, memory.liveHeap());
            row.put("heap_committed_mib_" + jvm, memory.committedHeap());
            row.put("nonheap_mib_" + jvm, memory.nonHeap());
        }
        for (String name : DATABASES) {
            try (Connection db = chaos.database(name); Statement statement = db.createStatement()) {
                row.put("db_mib_" + name, Chaos.count(statement, "select pg_database_size(current_database())") >> 20);
                if (name.equals("journey")) {
                    row.put("timeline_rows", Chaos.count(statement, "select count(*) from timeline_entries"));
                }
                // every table's size and live rows: which ones a retention holds flat, which grow with customers
                try (ResultSet tables = statement.executeQuery(
                        "select relname, pg_total_relation_size(relid), n_live_tup from pg_stat_user_tables")) {
                    while (tables.next()) {
                        tableSizes.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%d%n", minute, name,
                                tables.getString(1), tables.getLong(2) >> 20, tables.getLong(3)));
                    }
                }
            }
        }
        return row;
    }

    private static long percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return Math.round(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }

    private static long residentMiB(Long pid) {
        return pid == null ? 0 : Math.max(0, ChildProcess.residentMiB(pid));
    }

    private static String describe(Map<String, Object> row) {
        return String.format(Locale.ROOT, "minute %2d: lag max %,d; event→timeline p99 %d ms; reads p99 timeline %d ms,"
                        + " journey %d ms; RSS journey %d MiB; heap journey %d MiB; journey db %d MiB, %,d timeline rows",
                row.get("minute"), row.get("lag_max"), row.get("e2e_p99_ms"), row.get("timeline_p99_ms"),
                row.get("journey_p99_ms"), row.get("rss_mib_journey-service"), row.get("heap_live_mib_journey-service"),
                row.get("db_mib_journey"), row.get("timeline_rows"));
    }

    private void writeCsv() throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", rows.get(0).keySet())).append('\n');
        for (Map<String, Object> row : rows) {
            csv.append(row.values().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow()).append('\n');
        }
        Files.writeString(out.resolve("soak.csv"), csv);
        Files.writeString(out.resolve("soak-tables.csv"), "minute,database,table,mib,live_rows\n" + tableSizes);
    }

    // --- the verdict ---

    private boolean judge(Map<String, Long> logStarts, long deadLettersBefore) throws Exception {
        List<String> lines = new ArrayList<>();
        boolean clean = true;
        List<long[]> steady = lagSamples.stream()
                .filter(s -> s[0] >= lagSamples.get(0)[0] + WARM_UP_MINUTES * 60_000L).toList();
        double slope = slope(steady);
        int rate = chaos.rate();
        boolean flat = Math.abs(slope) < rate * 0.01;
        clean &= flat;
        lines.add(String.format(Locale.ROOT, "| journey-service's lag after warm-up | max %,d events, trend %+.1f events/s"
                        + " (%s; flat = under 1 %% of the rate) |", steady.stream().mapToLong(s -> s[1]).max().orElse(0),
                slope, flat ? "flat" : slope > 0 ? "GROWING" : "shrinking: still catching up"));
        lines.add(String.format(Locale.ROOT, "| event → timeline p99 per minute (after warm-up) | median %d ms, worst %d ms |",
                median(column("e2e_p99_ms")), max(column("e2e_p99_ms"))));
        lines.add(String.format(Locale.ROOT, "| agent reads p99 per minute: timeline page / journey | median %d / %d ms,"
                        + " worst %d / %d ms; %,d failed", median(column("timeline_p99_ms")), median(column("journey_p99_ms")),
                max(column("timeline_p99_ms")), max(column("journey_p99_ms")),
                rows.stream().mapToLong(r -> (long) r.get("timeline_failed") + (long) r.get("journey_failed")).sum())
                + (readFailures.isEmpty() ? "" : " " + readFailures) + " |");
        for (String process : PROCESSES) {
            Growth rss = growth("rss_mib_" + process);
            clean &= rss.within();
            lines.add(String.format(Locale.ROOT, "| %s RSS | %s |", process, rss));
        }
        for (String jvm : JVMS) {
            Growth heap = growth("heap_live_mib_" + jvm);
            clean &= heap.within();
            lines.add(String.format(Locale.ROOT, "| %s heap live after a full GC | %s |", jvm, heap));
        }
        for (String name : DATABASES) {
            lines.add(String.format(Locale.ROOT, "| database %s | %s |", name, growth("db_mib_" + name)));
        }
        lines.add(String.format(Locale.ROOT, "| timeline rows (retention 5 min) | %s |", growth("timeline_rows")));
        Map<String, List<String>> errors = errorLines(logStarts);
        long errorCount = errors.values().stream().mapToLong(List::size).sum();
        clean &= errorCount == 0;
        lines.add("| ERROR lines in the logs | " + errorCount + (errorCount == 0 ? "" : " " + errors.keySet()) + " |");
        long deadLettered = deadLetters() - deadLettersBefore;
        clean &= deadLettered == 0;
        lines.add("| records dead-lettered | " + deadLettered + " |");
        String table = "| soak: " + minutes + " min at " + String.format("%,d", rate) + " events/s + "
                + chaos.load().httpRate + "/s HTTP, " + reads + " reads/s | |\n|---|---|\n" + String.join("\n", lines) + "\n";
        Files.writeString(out.resolve("soak.md"), table);
        System.out.println();
        System.out.println(table);
        errors.forEach((log, found) -> found.stream().limit(3).forEach(line -> System.out.println(log + ": " + line)));
        System.out.println("(" + out.resolve("soak.csv") + ", " + out.resolve("soak.md") + ")");
        return clean;
    }

    /** A column's value at the end of the warm-up against the largest of the last three minutes. */
    private record Growth(long atWarmUp, long lastMax) {
        boolean within() {
            return atWarmUp <= 0 || lastMax <= atWarmUp * (1 + ALLOWED_GROWTH);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d after warm-up → %,d at the end (%+.1f %%)", atWarmUp, lastMax,
                    atWarmUp <= 0 ? 0.0 : 100.0 * (lastMax - atWarmUp) / atWarmUp);
        }
    }

    private Growth growth(String column) {
        List<Long> values = rows.stream().map(r -> ((Number) r.get(column)).longValue()).toList();
        long atWarmUp = values.get(Math.min(WARM_UP_MINUTES, values.size()) - 1);
        long lastMax = values.subList(Math.max(0, values.size() - 3), values.size()).stream()
                .mapToLong(Long::longValue).max().orElse(0);
        return new Growth(atWarmUp, lastMax);
    }

    private List<Long> column(String name) {
        return rows.stream().skip(WARM_UP_MINUTES).map(r -> ((Number) r.get(name)).longValue()).toList();
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Least-squares slope of lag over time, in events per second. */
    private static double slope(List<long[]> samples) {
        if (samples.size() < 2) {
            return 0;
        }
        double n = samples.size();
        double t0 = samples.get(0)[0];
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long[] s : samples) {
            double x = (s[0] - t0) / 1000.0;
            sx += x;
            sy += s[1];
            sxx += x * x;
            sxy += x * s[1];
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    private Map<String, Long> logSizes() throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (var logs = Files.list(chaos.dataDir().resolve("logs"))) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                sizes.put(log.getFileName().toString(), Files.size(log));
            }
        }
        return sizes;
    }

    /** The lines with an ERROR level written to each log since the soak began. */
    private Map<String, List<String>> errorLines(Map<String, Long> starts) throws IOException {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (var start : starts.entrySet()) {
            if (start.getKey().equals("launcher.log")) {
                continue;
            }
            Path log = chaos.dataDir().resolve("logs").resolve(start.getKey());
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(start.getValue());
                byte[] rest = new byte[(int) (file.length() - start.getValue())];
                file.readFully(rest);
                List<String> found = new String(rest, StandardCharsets.UTF_8).lines()
                        .filter(line -> line.contains(" ERROR ")).toList();
                if (!found.isEmpty()) {
                    errors.put(start.getKey(), found);
                }
            }
        }
        return errors;
    }

    /** Records on every dead-letter topic (their end offsets summed). */
    private long deadLetters() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, chaos.bootstrap());
        try (Admin admin = Admin.create(props)) {
            List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlq")).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
