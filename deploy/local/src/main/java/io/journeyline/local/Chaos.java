package io.journeyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Faults under load, and a soak, against a local stack this command starts and owns ({@code deploy/local/chaos.sh}).
 *
 * <pre>
 * deploy/local/chaos.sh [--rate 1000] [--http 100] [--only kill-journey,postgres,...] [--port-offset 7000] [--data-dir DIR]
 *     a steady load (the load harness's everyday mix onto Kafka at R events/s, plus HTTP batches of ten to
 *     journey-service's ingest at H events/s, retried as a well-behaved client retries: after Retry-After, with the
 *     same event ids), then each fault in turn: SIGKILL of each service, PostgreSQL stopped for 30 s, the Kafka broker
 *     SIGKILLed, journey-service SIGKILLed while absence timers are due, the launcher itself SIGKILLed and started
 *     again. After each: the time until every service is ready and journey-service's lag is back to what it was before;
 *     then the load pauses, every consumer group drains, and the invariants are checked from outside.
 * deploy/local/chaos.sh soak [--minutes 30] [--rate 2000] [--reads 20] [--out docs/soak]
 *     the same load for N minutes with retentions shortened (purging is part of the steady state) and agent reads of
 *     timelines and journeys: per minute lag, latencies, RSS and heap of each service, database sizes; a CSV and an SVG
 * </pre>
 *
 * The stack runs with {@code --supervise} (a process that exits or fails its liveness check is started again, as its
 * Deployment's pod would be) and {@code --control-stdin} (how PostgreSQL is held down), on its own data folder and port
 * offset, so it never touches a stack you run yourself. Invariants checked after every fault: every accepted event
 * (acknowledged by the broker, or a 202 from ingest) is in the timeline exactly once; every intervention journey-service
 * sent is on {@code journey.interventions} under one event id and has exactly one effect downstream (an assignment, a
 * case contact, an invitation); no timer FAILED or overdue in any service; every consumer group back to lag 0; every
 * service ready. Exits 1 when anything was lost or doubled.
 */
public final class Chaos {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** What chaos.sh starts the services with unless JOURNEYLINE_SERVICE_JVM_OPTS says otherwise (as the benchmarks). */
    static final String JVM_OPTIONS = "-Xmx512m -XX:+UseParallelGC";
    private static final List<String> DATABASES = List.of("journey", "survey", "education", "feedback");

    private final Path dataDir;
    private final int offset;
    private final int rate;
    private final Launcher launcher;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Admin admin;
    private Load load;

    private Chaos(Path repo, Path dataDir, int offset, int rate, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.offset = offset;
        this.rate = rate;
        this.launcher = new Launcher(repo.resolve("deploy/local/target/local-stack.jar"), dataDir, offset, settings);
    }

    public static void main(String[] args) throws Exception {
        boolean soak = args.length > 0 && args[0].equals("soak");
        int offset = 7000;
        int rate = soak ? 2000 : 1000;
        int http = 100;
        int minutes = 30;
        int reads = 20;
        Path repo = Path.of("").toAbsolutePath();
        Path dataDir = null;
        Path out = repo.resolve("docs/soak");
        Set<String> only = null;
        for (int i = soak ? 1 : 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--http" -> http = Integer.parseInt(args[++i]);
                case "--minutes" -> minutes = Integer.parseInt(args[++i]);
                case "--reads" -> reads = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataDir == null) {
            dataDir = repo.resolve("deploy/local/target/chaos/" + (soak ? "soak-" : "faults-") + STAMP.format(Instant.now()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (soak) {
            settings.putAll(Soak.SHORT_RETENTIONS);
        }
        Chaos chaos = new Chaos(repo, dataDir, offset, rate, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(chaos.launcher::stop, "chaos-stop-stack"));
        boolean clean;
        try {
            chaos.begin(http, !soak);
            clean = soak ? new Soak(chaos, minutes, reads, out).run() : chaos.faults(only);
        } finally {
            if (chaos.load != null) {
                chaos.load.close();
            }
            chaos.launcher.stop();
        }
        System.exit(clean ? 0 : 1);
    }

    private void begin(int http, boolean keepIds) throws Exception {
        System.out.printf("chaos: a stack of its own on port offset %d, data in %s (launcher log: %s)%n", offset, dataDir,
                launcher.log);
        System.out.printf("  services' JVM: %s; build %s%n", launcher.jvmOptions(), describeBuild());
        launcher.start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin = Admin.create(props);
        load = new Load(this, rate, http, keepIds);
    }

    // --- the faults ---

    /** A fault: what it does, returning the instant recovery is timed from. */
    private interface Injection {
        Instant inject() throws Exception;
    }

    private record Fault(String id, String description, Injection injection) {
    }

    /** One row of the table. */
    record Row(String fault, String load, String http, String restarts, double recoverySeconds, Accounting accounting) {
    }

    private boolean faults(Set<String> only) throws Exception {
        List<Fault> faults = new ArrayList<>();
        for (String service : List.of("journey", "survey", "education", "feedback")) {
            faults.add(new Fault("kill-" + service, "SIGKILL " + service + "-service", () -> kill(service + "-service")));
        }
        faults.add(new Fault("postgres", "PostgreSQL stopped for 30 s, started again", this::postgresDown));
        faults.add(new Fault("kafka", "SIGKILL the Kafka broker", () -> kill("kafka")));
        faults.add(new Fault("timers", "SIGKILL journey-service while absence timers are due", this::timersDue));
        faults.add(new Fault("launcher", "SIGKILL the launcher, start it again", this::launcherKilled));
        if (only != null) {
            faults.removeIf(fault -> !only.contains(fault.id()));
        }
        List<Row> rows = new ArrayList<>();
        System.out.printf("load: %,d events/s of the everyday mix onto Kafka, %,d events/s in HTTP batches of ten%n",
                rate, load.httpRate);
        load.resume();
        pause(Duration.ofSeconds(30));
        rows.add(settleAndCheck("none (30 s of load)", 0, ""));
        for (Fault fault : faults) {
            load.resume();
            long usualLag = highestLag(Duration.ofSeconds(20));
            System.out.printf("%n== %s ==%n", fault.description());
            load.takeHttpOutcomes();
            long logAt = launcher.logSize();
            Instant from = fault.injection().inject();
            double recovered = awaitRecovery(from, usualLag, Duration.ofMinutes(10));
            String http = load.takeHttpOutcomes();
            String restarts = launcher.restartsSince(logAt);
            System.out.println("  HTTP ingest meanwhile: " + http + "; restarted by the supervisor: " + restarts);
            rows.add(settleAndCheck(fault.description(), recovered, http, restarts));
        }
        print(rows);
        return rows.stream().allMatch(row -> row.accounting().clean());
    }

    private Row settleAndCheck(String fault, double recovered, String http) throws Exception {
        return settleAndCheck(fault, recovered, http, "");
    }

    private Row settleAndCheck(String fault, double recovered, String http, String restarts) throws Exception {
        List<String> accepted = load.pauseAndSnapshot();
        settle(Duration.ofMinutes(10));
        Accounting accounting = account(accepted);
        System.out.printf("  %s%n", accounting.describe());
        return new Row(fault, String.format("%,d/s + %d/s HTTP", rate, load.httpRate), http, restarts, recovered,
                accounting);
    }

    private Instant kill(String process) throws Exception {
        long pid = Leftovers.recorded(dataDir).get(process);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(process + " is not running"));
        handle.destroyForcibly();
        Instant at = Instant.now();
        handle.onExit().get(30, TimeUnit.SECONDS);
        System.out.printf("  %s (pid %d) killed with SIGKILL%n", process, pid);
        return at;
    }

    private Instant postgresDown() throws Exception {
        launcher.control("stop", "postgres");
        System.out.println("  PostgreSQL stopped; the load goes on for 30 s");
        pause(Duration.ofSeconds(30));
        launcher.control("start", "postgres");
        System.out.println("  PostgreSQL started again");
        return Instant.now();
    }

    /**
     * Absence timers made due at once (as after an outage), journey-service killed while it fires them; afterwards each
     * must have fired once: none pending or FAILED, no customer with the rule's pain point twice.
     */
    private Instant timersDue() throws Exception {
        String mine = "kind = 'rule-absence' and timer_key like '%|load-" + run + "%'";
        long due;
        try (Connection db = database("journey"); Statement statement = db.createStatement()) {
            due = statement.executeUpdate("update platform_timers set due_at = now() where status = 'PENDING' and " + mine);
        }
        System.out.printf("  %,d absence timers made due%n", due);
        timersCheck = mine; // checked in the accounting after recovery
        return kill("journey-service");
    }

    /** The timers the last fault made due, for the next accounting; null when none. */
    private String timersCheck;

    private Instant launcherKilled() throws Exception {
        long pid = launcher.kill();
        Instant at = Instant.now();
        System.out.printf("  the launcher (pid %d) killed with SIGKILL; its processes run on without it%n", pid);
        pause(Duration.ofSeconds(10));
        launcher.start();
        return at;
    }

    /**
     * The highest lag of journey-service's group, sampled twice a second for {@code duration} under load: what is usual
     * (committed offsets move in steps, so the lag of a consumer that keeps up swings between 0 and a few seconds of load).
     */
    private long highestLag(Duration duration) throws Exception {
        long highest = rate;
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            Map<String, Long> lag = lagOrNull();
            if (lag != null) {
                highest = Math.max(highest, lag.getOrDefault("journey-service", 0L));
            }
            Thread.sleep(500);
        }
        return highest;
    }

    /**
     * Seconds from {@code from} until every service (and the console) is ready and journey-service's lag is back under
     * the highest it was in the 20 s before the fault (at least one second of load), polled twice a second.
     */
    private double awaitRecovery(Instant from, long usualLag, Duration timeout) throws Exception {
        Instant deadline = from.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Long> lag = lagOrNull();
            if (lag != null && lag.getOrDefault("journey-service", 0L) <= usualLag && allReady()) {
                double seconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
                System.out.printf("  recovered in %.1f s (every service ready, journey-service's lag back to %,d or less,"
                        + " the most it had in the 20 s before)%n", seconds, usualLag);
                return seconds;
            }
            Thread.sleep(500);
        }
        System.out.println("  NOT RECOVERED within " + timeout);
        return Double.NaN;
    }

    /** The load paused: waits until every consumer group has read everything and every service is ready. */
    private void settle(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Long> lag = lagOrNull();
            if (lag != null && allReady() && lag.values().stream().allMatch(l -> l == 0)) {
                // the outboxes may still hold what the last events caused: once more, after they had time to relay
                Thread.sleep(2000);
                lag = lagOrNull();
                if (lag != null && lag.values().stream().allMatch(l -> l == 0)) {
                    return;
                }
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("not settled within " + timeout + ": lag " + lagOrNull());
    }

    /** The groups' lag, or null while the broker does not answer (it is restarting, or the machine is saturated). */
    private Map<String, Long> lagOrNull() {
        try {
            return groupLag();
        } catch (Exception e) {
            return null;
        }
    }

    // --- the invariants ---

    /** What the invariants found, cumulative over the run. */
    record Accounting(long accepted, long refused, long lostEvents, long duplicatedEvents, long sentInterventions,
                      long missingOnTopic, long decidedTwice, long missingEffects, long doubledEffects, long failedTimers,
                      long overdueTimers, String timers) {
        long lost() {
            return lostEvents + missingOnTopic + missingEffects + failedTimers + overdueTimers;
        }

        long duplicated() {
            return duplicatedEvents + decidedTwice + doubledEffects;
        }

        boolean clean() {
            return lost() == 0 && duplicated() == 0;
        }

        String describe() {
            return String.format("accepted %,d (refused by the broker %,d): lost %,d, twice %,d in the timeline; %,d interventions sent: %,d not on"
                            + " the topic, %,d under two event ids, %,d without their effect, %,d with two; timers %,d"
                            + " FAILED, %,d overdue%s", accepted, refused, lostEvents, duplicatedEvents, sentInterventions,
                    missingOnTopic, decidedTwice, missingEffects, doubledEffects, failedTimers, overdueTimers,
                    timers.isEmpty() ? "" : "; " + timers);
        }
    }

    /** The invariants over {@code accepted}: what was accepted when the load paused, everything since drained. */
    private Accounting account(List<String> accepted) throws Exception {
        long lost;
        long duplicated;
        try (Connection db = database("journey"); Statement statement = db.createStatement()) {
            statement.execute("create temp table accepted (event_id text not null)");
            StringBuilder rows = new StringBuilder(accepted.size() * 37);
            accepted.forEach(id -> rows.append(id).append('\n'));
            db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy accepted from stdin",
                    new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
            statement.execute("analyze accepted");
            lost = count(statement, "select count(*) from accepted a where not exists"
                    + " (select 1 from timeline_entries t where t.event_id = a.event_id)");
            duplicated = count(statement, "select count(*) from (select t.event_id from timeline_entries t"
                    + " join accepted a using (event_id) group by t.event_id having count(*) > 1) twice");
            statement.execute("drop table accepted");
        }
        Map<String, String> sent = new HashMap<>(); // intervention id → type
        try (Connection db = database("journey"); Statement statement = db.createStatement();
             ResultSet rs = statement.executeQuery("select id, lower(type) from interventions where status = 'SENT'"
                     + " and customer_id like 'load-" + run + "%'")) {
            while (rs.next()) {
                sent.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Set<String>> eventIds = interventionsOnTopic();
        long missingOnTopic = sent.keySet().stream().filter(id -> !eventIds.containsKey(id)).count();
        long decidedTwice = sent.keySet().stream().filter(id -> eventIds.getOrDefault(id, Set.of()).size() > 1).count();
        Map<String, Long> effects = new HashMap<>();
        effects.putAll(effects("education", "select intervention_id, count(*) from assignments"
                + " where intervention_id = any(?) group by 1", ofType(sent, "education"), ""));
        effects.putAll(effects("survey", "select substring(source_key from 14), count(*) from invitations"
                + " where source_key = any(?) group by 1", ofType(sent, "survey"), "intervention:"));
        effects.putAll(effects("feedback", "select ref_id, count(*) from case_contacts where kind = 'case-request'"
                + " and ref_id = any(?) group by 1", ofType(sent, "case"), ""));
        Set<String> withEffects = new HashSet<>();
        sent.forEach((id, type) -> {
            if (type.equals("education") || type.equals("survey") || type.equals("case")) {
                withEffects.add(id);
            }
        });
        long missingEffects = withEffects.stream().filter(id -> !effects.containsKey(id)).count();
        long doubledEffects = effects.values().stream().filter(n -> n > 1).count();
        long failed = 0;
        long overdue = 0;
        for (String name : DATABASES) {
            try (Connection db = database(name); Statement statement = db.createStatement()) {
                failed += count(statement, "select count(*) from platform_timers where status = 'FAILED'");
                overdue += count(statement, "select count(*) from platform_timers where status = 'PENDING'"
                        + " and due_at < now() - interval '2 minutes'");
            }
        }
        String timers = "";
        if (timersCheck != null) {
            try (Connection db = database("journey"); Statement statement = db.createStatement()) {
                long pending = count(statement, "select count(*) from platform_timers where status = 'PENDING' and "
                        + timersCheck + " and due_at < now() - interval '2 minutes'");
                long twice = count(statement, "select count(*) from (select customer_id from pain_points where rule_id ="
                        + " 'PP-NEW-CUSTOMER' and customer_id like 'load-" + run + "%' group by 1 having count(*) > 1) t");
                long painPoints = count(statement, "select count(*) from pain_points where rule_id = 'PP-NEW-CUSTOMER'"
                        + " and customer_id like 'load-" + run + "%'");
                timers = String.format("the due absence timers: %,d still pending, %,d customers with PP-NEW-CUSTOMER"
                        + " twice (%,d such pain points in all)", pending, twice, painPoints);
                duplicated += twice; // the pending ones are among the overdue already counted
            }
            timersCheck = null;
        }
        return new Accounting(accepted.size(), load.refused(), lost, duplicated, sent.size(), missingOnTopic,
                decidedTwice, missingEffects, doubledEffects, failed, overdue, timers);
    }

    private static List<String> ofType(Map<String, String> sent, String type) {
        return sent.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).toList();
    }

    /** Effect rows per intervention id in a service's database. */
    private Map<String, Long> effects(String database, String query, List<String> ids, String prefix) throws Exception {
        Map<String, Long> found = new HashMap<>();
        try (Connection db = database(database); PreparedStatement statement = db.prepareStatement(query)) {
            Array array = db.createArrayOf("text", ids.stream().map(id -> prefix + id).toArray());
            statement.setArray(1, array);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return found;
    }

    /** Every record on journey.interventions, read to the end offsets taken now: intervention id → its event ids. */
    private Map<String, Set<String>> interventionsOnTopic() throws Exception {
        Map<String, Set<String>> ids = new HashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor("journey.interventions").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    JsonNode value = JSON.readTree(record.value());
                    JsonNode data = value.has("specversion") ? value.path("data") : value;
                    String eventId = value.has("specversion") ? value.path("id").asText()
                            : new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    if (data.hasNonNull("interventionId")) {
                        ids.computeIfAbsent(data.get("interventionId").asText(), k -> new HashSet<>()).add(eventId);
                    }
                }
            }
        }
        return ids;
    }

    // --- the stack from outside ---

    /** Each consumer group's lag over the partitions it has committed on (end offset − committed offset). */
    Map<String, Long> groupLag() throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS);
        for (ConsumerGroupListing group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long behind = 0;
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
            lag.put(group.groupId(), behind);
        }
        return lag;
    }

    boolean allReady() {
        List<Integer> ports = new ArrayList<>();
        LocalStack.SERVICES.values().forEach(port -> ports.add(port + offset));
        ports.add(LocalStack.CONSOLE_PORT + offset);
        for (int port : ports) {
            try {
                HttpResponse<Void> response = Load.HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + LocalStack.managementPort(port) + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    Connection database(String name) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset) + "/" + name,
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    String bootstrap() {
        return "localhost:" + (LocalStack.KAFKA_PORT + offset);
    }

    String url(String service) {
        return "http://localhost:" + (LocalStack.SERVICES.get(service) + offset);
    }

    Path dataDir() {
        return dataDir;
    }

    int offset() {
        return offset;
    }

    int rate() {
        return rate;
    }

    String run() {
        return run;
    }

    Load load() {
        return load;
    }

    static long count(Statement statement, String query) throws Exception {
        try (ResultSet rs = statement.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    static String describeBuild() throws Exception {
        Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
        return new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    private void print(List<Row> rows) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append("| fault | load | HTTP ingest meanwhile | restarted by the supervisor | recovered in | accepted"
                + " (refused) | lost | duplicated |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %,d (%,d) | %,d | %,d |%n", row.fault(),
                    row.load(), row.http().isEmpty() ? "—" : row.http(), row.restarts().isEmpty() ? "—" : row.restarts(),
                    row.recoverySeconds() == 0 ? "—" : Double.isNaN(row.recoverySeconds()) ? "**not recovered**"
                            : String.format(Locale.ROOT, "%.1f s", row.recoverySeconds()),
                    row.accounting().accepted(), row.accounting().refused(), row.accounting().lost(),
                    row.accounting().duplicated()));
        }
        System.out.println();
        System.out.println(table);
        rows.stream().filter(row -> !row.accounting().timers().isEmpty())
                .forEach(row -> System.out.println(row.fault() + ": " + row.accounting().timers()));
        Files.writeString(dataDir.resolve("chaos.md"), table);
        System.out.println("(the table is also in " + dataDir.resolve("chaos.md") + "; lost = events missing from the"
                + " timeline + interventions missing on the topic or downstream + timers FAILED or overdue; duplicated ="
                + " events twice in the timeline + interventions under two event ids or with two effects + customers"
                + " with an absence pain point twice)");
    }

    // --- the launcher, as a child process ---

    /** local-stack.jar run with --supervise and --control-stdin, its output in the data folder. */
    static final class Launcher {
        private final Path jar;
        private final Path dataDir;
        private final int offset;
        private final Map<String, String> settings;
        final Path log;
        private Process process;
        private BufferedWriter input;

        Launcher(Path jar, Path dataDir, int offset, Map<String, String> settings) {
            this.jar = jar;
            this.dataDir = dataDir;
            this.offset = offset;
            this.settings = settings;
            this.log = dataDir.resolve("logs/launcher.log");
        }

        String jvmOptions() {
            return System.getenv().getOrDefault("JOURNEYLINE_SERVICE_JVM_OPTS", JVM_OPTIONS);
        }

        void start() throws Exception {
            Files.createDirectories(log.getParent());
            long from = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(KafkaBroker.java(), "-jar", jar.toString(), "--data-dir",
                    dataDir.toString(), "--port-offset", Integer.toString(offset), "--supervise", "--control-stdin")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JOURNEYLINE_SERVICE_JVM_OPTS", jvmOptions());
            builder.environment().putAll(settings);
            process = builder.start();
            input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            Instant began = Instant.now();
            String line = await(from, List.of("Journeyline is up", "Journeyline did not start"), Duration.ofMinutes(5));
            if (!line.contains("is up")) {
                throw new IllegalStateException(line + " (see " + log + ")");
            }
            System.out.printf("  the stack is up in %.1f s (launcher pid %d)%n",
                    Duration.between(began, Instant.now()).toMillis() / 1000.0, process.pid());
        }

        long logSize() throws IOException {
            return Files.size(log);
        }

        /** The supervisor's restarts logged since {@code from}: "journey-service (exited (code 137))", … */
        String restartsSince(long from) throws IOException {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                file.seek(from);
                byte[] rest = new byte[(int) (file.length() - from)];
                file.readFully(rest);
                List<String> lines = new String(rest, StandardCharsets.UTF_8).lines().toList();
                long leftovers = lines.stream().filter(line -> line.startsWith("A launcher that did not stop left")).count();
                String restarts = lines.stream().filter(line -> line.contains(": starting it again"))
                        .map(line -> line.substring(0, line.indexOf(": starting it again")))
                        .map(line -> line.replaceFirst(" ", " (") + ")")
                        .collect(Collectors.joining("; "));
                return leftovers == 0 ? restarts : "the next launcher stopped the " + leftovers + " processes the killed"
                        + " one left" + (restarts.isEmpty() ? "" : "; " + restarts);
            }
        }

        /** Sends {@code stop NAME} / {@code start NAME} and waits for the launcher's answer. */
        void control(String verb, String name) throws Exception {
            long from = Files.size(log);
            input.write(verb + " " + name + "\n");
            input.flush();
            String answer = await(from, List.of("control: " + name + " " + verb.replace("stop", "stopp") + "ed",
                    "control: " + verb + " " + name + " failed"), Duration.ofMinutes(3));
            if (answer.contains("failed")) {
                throw new IllegalStateException(answer);
            }
        }

        /** SIGKILL; returns the pid it had. Its processes run on (they are not in its process group's way). */
        long kill() throws Exception {
            long pid = process.pid();
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return pid;
        }

        /** SIGTERM: the launcher stops everything it started. */
        void stop() {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    process.waitFor(3, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private String await(long from, List<String> any, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(from);
                    byte[] rest = new byte[(int) (file.length() - from)];
                    file.readFully(rest);
                    for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                        for (String wanted : any) {
                            if (line.contains(wanted)) {
                                return line;
                            }
                        }
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the launcher exited; see " + log);
                }
                Thread.sleep(250);
            }
            throw new IllegalStateException("no '" + any.get(0) + "' from the launcher within " + timeout + "; see " + log);
        }
    }

    // --- the load ---

    /**
     * The steady load: the everyday mix onto Kafka at a fixed rate, generated 30 s at a time, each record's id kept once
     * the broker acknowledged it; and HTTP batches of ten touchpoints to journey-service's ingest, retried after
     * Retry-After (or a second) with the same ids until a 202, each outcome counted.
     */
    static final class Load implements AutoCloseable {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private static final int BATCH = 10;

        private final Chaos chaos;
        private final int rate;
        final int httpRate;
        private final KafkaProducer<String, byte[]> producer;
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final AtomicLong refused = new AtomicLong();
        private final Map<String, AtomicLong> httpOutcomes = new ConcurrentHashMap<>();
        /** The customers sent to lately, for the soak's readers (at 2,000 events/s the last half minute). */
        private final String[] recent = new String[65536];
        private final AtomicLong recentAt = new AtomicLong();
        private volatile boolean paused = true;
        /** The HTTP sender is in the middle of a batch. */
        private volatile boolean sending;
        /** Whether accepted ids are kept (the faults' accounting needs them; the soak does not). */
        private final boolean keepIds;
        private volatile boolean running = true;
        private volatile long rampNanos;
        private final Thread kafka;
        private final Thread http;

        Load(Chaos chaos, int rate, int httpRate, boolean keepIds) {
            this.chaos = chaos;
            this.keepIds = keepIds;
            this.rate = rate;
            this.httpRate = httpRate;
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, chaos.bootstrap());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            // a broker restart or a launcher restart takes well under this: nothing is given up meanwhile
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
            props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L << 20));
            producer = new KafkaProducer<>(props);
            kafka = new Thread(this::produce, "chaos-load-kafka");
            http = new Thread(this::ingest, "chaos-load-http");
            kafka.start();
            http.start();
        }

        void pause() {
            paused = true;
        }

        /**
         * Pauses, waits until the HTTP sender has finished its batch (accepted, or given up) and the producer has every
         * acknowledgement, and answers the ids accepted by then: what the invariants are checked over once the stack has
         * drained (an id accepted during the drain would not have had its time to arrive).
         */
        List<String> pauseAndSnapshot() throws InterruptedException {
            paused = true;
            while (sending) {
                Thread.sleep(50);
            }
            producer.flush();
            return new ArrayList<>(accepted);
        }

        void resume() {
            paused = false;
        }

        /**
         * From the next resume, the rate climbs linearly from 0 over this long (the soak's cold JVMs compile while the
         * load grows, instead of starting a backlog in their first minute).
         */
        void rampOver(Duration ramp) {
            rampNanos = ramp.toNanos();
        }

        void flush() {
            producer.flush();
        }

        long refused() {
            return refused.get();
        }

        /**
         * A customer from the older half of those sent to lately — seconds ago, so the timeline has them — or null
         * until the buffer has filled once.
         */
        String recentCustomer(Random random) {
            long at = recentAt.get();
            if (at < recent.length) {
                return null;
            }
            int half = recent.length / 2;
            return recent[(int) ((at - 1 - half - random.nextInt(half)) % recent.length)];
        }

        /** The HTTP outcomes since the last call, e.g. "202 ×120, 503 (Retry-After) ×30". */
        String takeHttpOutcomes() {
            Map<String, Long> taken = new TreeMap<>();
            httpOutcomes.forEach((outcome, n) -> {
                long value = n.getAndSet(0);
                if (value > 0) {
                    taken.put(outcome, value);
                }
            });
            return taken.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        }

        private void produce() {
            Random random = new Random(7);
            int chunk = 0;
            List<LoadBenchmark.Mix.Event> events = List.of();
            int next = 0;
            long sent = 0;
            long t0 = System.nanoTime();
            while (running) {
                if (paused) {
                    sleep(50);
                    t0 = System.nanoTime();
                    sent = 0;
                    continue;
                }
                if (next == events.size()) {
                    events = LoadBenchmark.Mix.everyday(chaos.run() + "x" + chunk++, rate * 30, random, Instant.now());
                    next = 0;
                }
                long due = due(System.nanoTime() - t0);
                while (sent < due && next < events.size() && !paused) {
                    LoadBenchmark.Mix.Event event = events.get(next++);
                    ProducerRecord<String, byte[]> record = event.record(Instant.now());
                    String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                    producer.send(record, (metadata, failure) -> {
                        if (failure == null) {
                            if (keepIds) {
                                accepted.add(id);
                            }
                        } else {
                            refused.incrementAndGet();
                        }
                    });
                    remember(event.customer());
                    sent++;
                }
                sleep(5);
            }
        }

        /** Records due this long after a resume: the rate's integral, a linear ramp then flat. */
        private long due(long elapsedNanos) {
            double seconds = elapsedNanos / 1e9;
            double ramp = rampNanos / 1e9;
            return (long) (seconds < ramp ? rate * seconds * seconds / (2 * ramp) : rate * (seconds - ramp / 2));
        }

        private void ingest() {
            if (httpRate <= 0) {
                return;
            }
            long interval = 1_000_000_000L * BATCH / httpRate;
            long n = 0;
            long next = System.nanoTime();
            while (running) {
                if (paused) {
                    sleep(50);
                    next = System.nanoTime();
                    continue;
                }
                List<String> ids = new ArrayList<>();
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < BATCH; i++, n++) {
                    String id = UUID.randomUUID().toString();
                    String customer = "load-" + chaos.run() + "h-" + (n % 500);
                    ids.add(id);
                    batch.append(i == 0 ? "" : ",").append("{\"specversion\":\"1.0\",\"id\":\"").append(id)
                            .append("\",\"source\":\"/chaos/http\",\"type\":\"io.journeyline.touchpoint.recorded\",\"time\":\"")
                            .append(Instant.now()).append("\",\"data\":{\"customerId\":\"").append(customer)
                            .append("\",\"channel\":\"web\",\"touchpoint\":\"home\",\"action\":\"visit\"}}");
                }
                batch.append(']');
                sending = true;
                try {
                    sendUntilAccepted(batch.toString(), ids);
                } finally {
                    sending = false;
                }
                // after a long outage, go on at the rate rather than send the missed batches back to back
                next = Math.max(next + interval, System.nanoTime() - interval);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
            }
        }

        /** A well-behaved client: the same batch again after Retry-After (else a second) until it is accepted. */
        private void sendUntilAccepted(String batch, List<String> ids) {
            while (running) {
                long retryAfter = 1;
                try {
                    String token = Keys.writtenTokens(chaos.dataDir()).get("JOURNEYLINE_TOKEN_INGEST");
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(chaos.url("journey")
                                    + "/api/v1/events")).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/cloudevents-batch+json")
                            .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
                    var header = response.headers().firstValue("Retry-After");
                    count(response.statusCode() + (response.statusCode() == 503
                            ? header.isPresent() ? " (Retry-After)" : " (no Retry-After)" : ""));
                    if (response.statusCode() == 202) {
                        if (keepIds) {
                            accepted.addAll(ids);
                        }
                        return;
                    }
                    if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429) {
                        return; // refused for what it is: counted above, not accepted, not sent again
                    }
                    if (header.isPresent()) {
                        retryAfter = Long.parseLong(header.get().trim());
                    }
                } catch (IOException e) {
                    count("no answer (" + e.getClass().getSimpleName() + ")");
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    count("client error (" + e.getClass().getSimpleName() + ")");
                }
                sleep(retryAfter * 1000);
            }
        }

        private void count(String outcome) {
            httpOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        }

        private void remember(String customer) {
            long at = recentAt.getAndIncrement();
            recent[(int) (at % recent.length)] = customer;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                kafka.join(5000);
                http.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(10));
        }
    }
}
