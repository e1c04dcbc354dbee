package io.journeyline.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the whole of Journeyline on this machine without Docker: PostgreSQL, a Kafka broker and the four
 * services, each service with its own database. Waits until every service is ready, prints the URLs and a
 * token per role, and on Ctrl-C (or SIGTERM) stops exactly what it started. Data stays in the data folder.
 *
 * <pre>java -jar deploy/local/target/local-stack.jar [--data-dir DIR] [--port-offset N] [--demo CUSTOMERS]
 *     [--demo-seed SEED] [--kafka-users MANIFEST] [--token-hours N] [--journey-instances N]</pre>
 * Each service serves its API on its port and {@code /q/*} (health, metrics, OpenAPI) on its management port, the
 * port + 1000 (the platform's rule). The tokens it prints come from its own issuer ({@link Keys#LOCAL_ISSUER}) and
 * live {@code --token-hours} (8 by default); {@code deploy/local/tokens.sh} makes fresh ones.
 * With {@code --demo} it plays that many customers' journeys through the running system ({@link DemoData}) once it
 * is up. With {@code --kafka-users} (e.g. deploy/kubernetes/base/kafka/users.yaml) Kafka runs as in the cluster: every
 * client logs in with SCRAM-SHA-512, each service as the KafkaUser of its name, and gets only what that user's ACLs
 * grant ({@link KafkaSecurity}); tools log in with {@code <data-dir>/kafka-client.properties}. With
 * {@code --journey-instances N} (1 to 3) it runs N journey-service processes in one consumer group, the second on port
 * 8091 and the third on 8101 (+ the offset), as replicas of a Deployment would: what the load harness measures scaling
 * with. With {@code --supervise} a process that exits or fails its liveness check is started again, as in a cluster
 * ({@link Supervisor}); with {@code --control-stdin} the launcher takes {@code stop NAME} / {@code start NAME} lines on
 * its standard input (NAME: postgres, kafka, console or a service's process name) and answers {@code control: NAME
 * stopped|started} — what {@code deploy/local/chaos.sh} holds PostgreSQL down with. A launcher killed without stopping
 * leaves its processes to the next start on the same data folder, which stops them first ({@link Leftovers}).
 */
public final class LocalStack {
    /** Services and their ports (ARCHITECTURE.md); each owns the database of the same short name. */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("journey", 8081);
        SERVICES.put("survey", 8082);
        SERVICES.put("education", 8083);
        SERVICES.put("feedback", 8084);
    }

    /** The console (the web page over the four services) and the local identity provider it signs in with. */
    static final int CONSOLE_PORT = 8080;
    static final int IDENTITY_PROVIDER_PORT = 8070;
    /** Ports Chromium and Firefox refuse to connect to (their "restricted ports" above 5000). */
    static final java.util.Set<Integer> BROWSER_UNSAFE_PORTS = java.util.Set.of(5060, 5061, 6000, 6566, 6665, 6666,
            6667, 6668, 6669, 6679, 6697, 10080);
    /** How long a console sign-in lasts (the local provider's token lifetime): then the console asks again. */
    static final Duration CONSOLE_SESSION = Duration.ofMinutes(30);

    /** Where a service serves /q/* (health, metrics, OpenAPI): its port + 1000, as the platform derives it. */
    static final int MANAGEMENT_PORT_DISTANCE = 1000;
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    /** Not 5432, so a PostgreSQL the machine already runs is left alone. */
    static final int POSTGRES_PORT = 15432;
    /** journey-service's second and third instances (--journey-instances) listen this far above the first. */
    static final int INSTANCE_PORT_DISTANCE = 10;
    /** The most journey-service instances the stack runs (ports 8081, 8091, 8101). */
    static final int MAX_JOURNEY_INSTANCES = 3;

    /**
     * JVM options of each service. The default (small heap, C1 compiler only, serial GC) starts four JVMs
     * quickly on two cores but is not what to measure throughput with: set JOURNEYLINE_SERVICE_JVM_OPTS.
     */
    static final String SERVICE_JVM_OPTIONS = System.getenv().getOrDefault("JOURNEYLINE_SERVICE_JVM_OPTS",
            "-Xmx160m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim();

    private final Path repo;
    private final Path dataDir;
    private final int offset;
    /** Everything started, in start order (stopped in reverse). */
    private final List<ChildProcess> started = new ArrayList<>();
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();
    private ChildProcess kafka;
    private ChildProcess console;
    private DevIdentityProvider identityProvider;
    private PostgresServer postgres;
    /** Null: Kafka without logins. Else the KafkaUsers of a manifest (--kafka-users): SCRAM logins and their ACLs. */
    private final KafkaSecurity kafkaSecurity;
    /** How long the printed tokens live. */
    private final Duration tokenLifetime;
    /** Settings every service gets beside the stack's own (the demo's wider stale guard). */
    private final Map<String, String> settings;
    /** How many journey-service processes run (one consumer group). */
    private final int journeyInstances;
    /** journey-service's instances after the first, by their API port. */
    private final Map<Integer, ChildProcess> extraJourneys = new LinkedHashMap<>();
    /** Restarts what exits or stops being live (--supervise), else null. */
    private final boolean supervise;
    private Supervisor supervisor;
    /** What this launcher started, on disk for the next start should this one be killed. */
    private Leftovers leftovers;
    /** PostgreSQL stopped on purpose through the control input. */
    private boolean postgresHeld;
    /** stop() has begun: the control input is refused. */
    private volatile boolean stopping;

    private LocalStack(Path repo, Path dataDir, int offset, KafkaSecurity kafkaSecurity, Duration tokenLifetime,
                       Map<String, String> settings, int journeyInstances, boolean supervise) {
        this.repo = repo;
        this.dataDir = dataDir;
        this.offset = offset;
        this.kafkaSecurity = kafkaSecurity;
        this.tokenLifetime = tokenLifetime;
        this.settings = settings;
        this.journeyInstances = journeyInstances;
        this.supervise = supervise;
    }

    /** The API port of journey-service's instance {@code instance} (1 is the first) in a stack at {@code offset}. */
    static int journeyPort(int offset, int instance) {
        return SERVICES.get("journey") + offset + INSTANCE_PORT_DISTANCE * (instance - 1);
    }

    /** A service's management port (health, metrics, OpenAPI) for its API port. */
    static int managementPort(int port) {
        return port + MANAGEMENT_PORT_DISTANCE;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repo = jar.getParent().getParent().getParent().getParent();
        Path dataDir = repo.resolve("deploy/local/data");
        int offset = 0;
        int demoCustomers = 0;
        long demoSeed = 42;
        Path kafkaUsers = null;
        Duration tokenLifetime = Keys.DEFAULT_LIFETIME;
        int journeyInstances = 1;
        boolean supervise = false;
        boolean control = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--demo" -> demoCustomers = Integer.parseInt(args[++i]);
                case "--demo-seed" -> demoSeed = Long.parseLong(args[++i]);
                case "--kafka-users" -> kafkaUsers = Path.of(args[++i]).toAbsolutePath();
                case "--token-hours" -> tokenLifetime = Duration.ofHours(Long.parseLong(args[++i]));
                case "--journey-instances" -> journeyInstances = Integer.parseInt(args[++i]);
                case "--supervise" -> supervise = true;
                case "--control-stdin" -> control = true;
                default -> {
                    System.err.println("usage: local-stack [--data-dir DIR] [--port-offset N] [--demo CUSTOMERS]"
                            + " [--demo-seed SEED] [--kafka-users MANIFEST] [--token-hours N] [--journey-instances N]"
                            + " [--supervise] [--control-stdin]");
                    System.exit(2);
                }
            }
        }
        if (journeyInstances < 1 || journeyInstances > MAX_JOURNEY_INSTANCES) {
            System.err.println("--journey-instances takes 1 to 3 (ports 8081, 8091, 8101)");
            System.exit(2);
        }
        if (kafkaUsers != null && demoCustomers > 0) {
            System.err.println("--demo sends without a Kafka login: leave out --kafka-users");
            System.exit(2);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (demoCustomers > 0 && System.getenv(DemoData.STALE_AFTER_VARIABLE) == null) {
            // The demo plays up to 80 days of history as if it were happening now; under the default stale guard
            // (P2D) its pain points would ask for no intervention and the education effect would have nothing to show.
            settings.put(DemoData.STALE_AFTER_VARIABLE, DemoData.STALE_AFTER);
            System.out.println("--demo: journey-service's stale guard widened to " + DemoData.STALE_AFTER
                    + " (" + DemoData.STALE_AFTER_VARIABLE + "), so the demo's history asks for interventions");
        }
        LocalStack stack = new LocalStack(repo, dataDir, offset,
                kafkaUsers == null ? null : KafkaSecurity.fromManifests(kafkaUsers), tokenLifetime, settings,
                journeyInstances, supervise);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("Journeyline did not start: " + e.getMessage());
            System.exit(1);
        }
        if (control) {
            Thread controller = new Thread(stack::control, "local-stack-control");
            controller.setDaemon(true);
            controller.start();
        }
        if (demoCustomers > 0) {
            try {
                DemoData.run(offset, dataDir, demoCustomers, demoSeed);
            } catch (Exception e) {
                System.err.println("The demo data stopped: " + e);
            }
        }
        Thread.currentThread().join();
    }

    private void start() throws Exception {
        Instant begin = Instant.now();
        Files.createDirectories(dataDir);
        leftovers = Leftovers.takeOver(dataDir);
        for (var service : SERVICES.entrySet()) {
            Path jar = serviceJar(service.getKey());
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw -B install -DskipTests)");
            }
            requireFreePort(service.getValue() + offset);
            requireFreePort(managementPort(service.getValue() + offset));
        }
        for (int port : extraJourneyPorts()) {
            requireFreePort(port);
            requireFreePort(managementPort(port));
        }
        requireFreePort(KAFKA_PORT + offset);
        requireFreePort(POSTGRES_PORT + offset);
        if (BROWSER_UNSAFE_PORTS.contains(CONSOLE_PORT + offset)) {
            throw new IllegalStateException("the console would listen on " + (CONSOLE_PORT + offset) + ", a port"
                    + " browsers refuse to open (ERR_UNSAFE_PORT): choose another --port-offset");
        }
        if (!Files.exists(consoleJar())) {
            throw new IllegalStateException(consoleJar() + " is missing: build first (./mvnw -B install -DskipTests)");
        }
        requireFreePort(CONSOLE_PORT + offset);
        requireFreePort(managementPort(CONSOLE_PORT + offset));
        requireFreePort(IDENTITY_PROVIDER_PORT + offset);

        say("Starting PostgreSQL ...");
        postgres = PostgresServer.start(dataDir, POSTGRES_PORT + offset, new ArrayList<>(SERVICES.keySet()));
        say("Starting Kafka ...");
        String classpath = System.getProperty("java.class.path");
        kafka = KafkaBroker.start(dataDir, KAFKA_PORT + offset, KAFKA_CONTROLLER_PORT + offset, classpath, kafkaSecurity);
        started.add(kafka);
        leftovers.record(kafka.name(), kafka.pid());

        Path publicKey = Keys.ensureKeyPair(dataDir);
        say("Starting services ...");
        for (var service : SERVICES.entrySet()) {
            ChildProcess process = startService(service.getKey(), service.getValue() + offset, publicKey,
                    service.getKey() + "-service");
            started.add(process);
            leftovers.record(process.name(), process.pid());
            services.put(service.getKey(), process);
        }
        List<Integer> extraPorts = extraJourneyPorts();
        for (int i = 0; i < extraPorts.size(); i++) {
            ChildProcess process = startService("journey", extraPorts.get(i), publicKey, "journey-service-" + (i + 2));
            started.add(process);
            leftovers.record(process.name(), process.pid());
            extraJourneys.put(extraPorts.get(i), process);
        }
        for (var service : SERVICES.entrySet()) {
            awaitReady(services.get(service.getKey()), managementPort(service.getValue() + offset), Duration.ofSeconds(180));
        }
        for (var extra : extraJourneys.entrySet()) {
            awaitReady(extra.getValue(), managementPort(extra.getKey()), Duration.ofSeconds(180));
        }
        say("Starting the console ...");
        String consoleSecret = Keys.ensureSecret(dataDir, "console-client.secret");
        identityProvider = DevIdentityProvider.start(dataDir, IDENTITY_PROVIDER_PORT + offset, consoleUrl(),
                consoleSecret, CONSOLE_SESSION);
        console = startConsole(consoleSecret);
        started.add(console);
        leftovers.record(console.name(), console.pid());
        awaitReady(console, managementPort(CONSOLE_PORT + offset), Duration.ofSeconds(180));
        if (supervise) {
            supervisor = new Supervisor(process -> leftovers.record(process.name(), process.pid()));
            supervisor.watch(kafka, null);
            services.forEach((name, process) -> supervisor.watch(process, managementPort(SERVICES.get(name) + offset)));
            extraJourneys.forEach((port, process) -> supervisor.watch(process, managementPort(port)));
            supervisor.watch(console, managementPort(CONSOLE_PORT + offset));
        }
        Duration took = Duration.between(begin, Instant.now());
        Map<String, String> tokens = Keys.tokens(dataDir, Keys.LOCAL_ISSUER, tokenLifetime);
        Files.writeString(dataDir.resolve("tokens.env"), tokens.entrySet().stream()
                .map(t -> "JOURNEYLINE_TOKEN_" + t.getKey().toUpperCase() + "=" + t.getValue())
                .collect(Collectors.joining("\n")) + "\n");
        printBanner(took, tokens);
    }

    /** The API ports of journey-service's instances after the first. */
    private List<Integer> extraJourneyPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int instance = 2; instance <= journeyInstances; instance++) {
            ports.add(journeyPort(offset, instance));
        }
        return ports;
    }

    private ChildProcess startService(String name, int port, Path publicKey, String processName) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("JOURNEYLINE_DB_HOST", "localhost");
        env.put("JOURNEYLINE_DB_PORT", Integer.toString(postgres.port));
        env.put("JOURNEYLINE_DB_USER", PostgresServer.USER);
        env.put("JOURNEYLINE_DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + (KAFKA_PORT + offset));
        if (kafkaSecurity != null) {
            env.putAll(kafkaSecurity.serviceEnvironment(name + "-service"));
        }
        env.put("JOURNEYLINE_JWT_PUBLIC_KEY", publicKey.toUri().toString());
        // this stack's own issuer: its services refuse the tests' tokens and a dev cluster's
        env.put("JOURNEYLINE_JWT_ISSUER", Keys.LOCAL_ISSUER);
        env.put("JOURNEYLINE_PRIVACY_HMAC_KEY", Keys.ensurePrivacyKey(dataDir));
        // the customers' survey links point at this stack's survey-service
        env.put("JOURNEYLINE_SURVEYS_PUBLIC_BASE_URL", "http://localhost:" + (SERVICES.get("survey") + offset));
        // journey-service's subject-access export asks the other three for their parts
        for (String other : List.of("survey", "education", "feedback")) {
            env.put("JOURNEYLINE_EXPORT_" + other.toUpperCase(java.util.Locale.ROOT) + "_SERVICE_URL",
                    "http://localhost:" + (SERVICES.get(other) + offset));
        }
        env.putAll(settings);
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.java());
        command.addAll(List.of(SERVICE_JVM_OPTIONS.split("\\s+")));
        command.addAll(List.of("-jar", serviceJar(name).toString()));
        return ChildProcess.start(processName, command, env, dataDir.resolve("logs/" + processName + ".log"));
    }

    private String consoleUrl() {
        return "http://localhost:" + (CONSOLE_PORT + offset);
    }

    /** The console, signing in against the local identity provider and calling this stack's four services. */
    private ChildProcess startConsole(String clientSecret) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(CONSOLE_PORT + offset));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort(CONSOLE_PORT + offset)));
        for (var service : SERVICES.entrySet()) {
            env.put("JOURNEYLINE_CONSOLE_" + service.getKey().toUpperCase(java.util.Locale.ROOT) + "_URL",
                    "http://localhost:" + (service.getValue() + offset));
        }
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", identityProvider.url());
        env.put("QUARKUS_OIDC_CLIENT_ID", DevIdentityProvider.CLIENT_ID);
        env.put("QUARKUS_OIDC_CREDENTIALS_SECRET", clientSecret);
        env.put("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", Keys.ensureSecret(dataDir, "console-session.secret"));
        env.putAll(settings);
        List<String> command = new ArrayList<>();
        command.add(KafkaBroker.java());
        command.addAll(List.of(SERVICE_JVM_OPTIONS.split("\\s+")));
        command.addAll(List.of("-jar", consoleJar().toString()));
        return ChildProcess.start("console", command, env, dataDir.resolve("logs/console.log"));
    }

    private Path consoleJar() {
        return repo.resolve("console/target/quarkus-app/quarkus-run.jar");
    }

    private Path serviceJar(String name) {
        return repo.resolve(name + "-service/target/quarkus-app/quarkus-run.jar");
    }

    /** Waits until the service's readiness, on its management port, answers UP. */
    private static void awaitReady(ChildProcess service, int managementPort, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited; see " + service.log() + ":\n"
                        + ChildProcess.tail(service.log()));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(service.name() + " not ready within " + timeout + "; see " + service.log());
    }

    private static void requireFreePort(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("port " + port + " is in use (is the stack already running?)");
        }
    }

    private void printBanner(Duration took, Map<String, String> tokens) {
        StringBuilder out = new StringBuilder("\nJourneyline is up (ready in ")
                .append(String.format("%.1f", took.toMillis() / 1000.0)).append(" s)\n\n");
        out.append(String.format("  %-18s %s   sign in by picking a role (local identity provider %s; sessions last %s)"
                        + "   (pid %d, %d MiB RSS)%n%n", "console", consoleUrl(), identityProvider.url(),
                Keys.words(CONSOLE_SESSION), console.pid(), console.residentMiB()));
        for (var service : SERVICES.entrySet()) {
            ChildProcess process = services.get(service.getKey());
            int port = service.getValue() + offset;
            out.append(String.format("  %-18s http://localhost:%d   management http://localhost:%d   (pid %d, %d MiB RSS)%n",
                    service.getKey() + "-service", port, managementPort(port), process.pid(), process.residentMiB()));
        }
        for (var extra : extraJourneys.entrySet()) {
            out.append(String.format("  %-18s http://localhost:%d   management http://localhost:%d   (pid %d, %d MiB RSS)%n",
                    extra.getValue().name(), extra.getKey(), managementPort(extra.getKey()), extra.getValue().pid(),
                    extra.getValue().residentMiB()));
        }
        out.append(String.format("  %-18s localhost:%d   (pid %d, %d MiB RSS)%n", "kafka", KAFKA_PORT + offset,
                kafka.pid(), kafka.residentMiB()));
        out.append(String.format("  %-18s localhost:%d   %s; user %s, password %s; databases %s%n", "postgresql",
                postgres.port, postgres.description(), PostgresServer.USER, PostgresServer.PASSWORD,
                String.join(", ", SERVICES.keySet())));
        out.append("\n  Each service's API: http://localhost:<port>/api/v1; on its management port only: OpenAPI /q/openapi,"
                + " health /q/health/ready, metrics /q/metrics\n");
        out.append("\nTokens (issuer ").append(Keys.LOCAL_ISSUER).append(", valid ").append(Keys.words(tokenLifetime))
                .append("; also in ").append(dataDir.resolve("tokens.env"))
                .append("; fresh ones: deploy/local/tokens.sh --data-dir ").append(dataDir).append(" --issuer ")
                .append(Keys.LOCAL_ISSUER).append("):\n");
        tokens.forEach((role, token) -> out.append(String.format("  %-11s %s%n", role, token)));
        out.append("\nLogs: ").append(dataDir.resolve("logs")).append('\n');
        out.append("Stop with Ctrl-C: it stops only what this command started; data stays in ").append(dataDir).append('\n');
        System.out.println(out);
        System.out.flush();
    }

    /**
     * The control input (--control-stdin): {@code stop NAME} and {@code start NAME}, one per line, NAME being
     * {@code postgres}, {@code kafka}, {@code console} or a service's process name ({@code journey-service}); each
     * answered on standard output as {@code control: NAME stopped} / {@code started}, or {@code control: ... failed}.
     * A process stopped this way is not restarted by the supervisor until it is started here again.
     */
    private void control() {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                if (words.length != 2 || !List.of("stop", "start").contains(words[0])) {
                    say("control: say 'stop NAME' or 'start NAME' (" + line.trim() + ")");
                    continue;
                }
                try {
                    if (words[0].equals("stop")) {
                        stopOne(words[1]);
                        say("control: " + words[1] + " stopped");
                    } else {
                        startOne(words[1]);
                        say("control: " + words[1] + " started");
                    }
                } catch (Exception e) {
                    say("control: " + line.trim() + " failed: " + e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("the control input failed: " + e.getMessage());
        }
        // Whoever started this launcher to control it has gone (its end of the pipe closed): nobody is left to stop
        // the stack, so it stops itself rather than hold its ports for good.
        say("control: the control input closed; stopping");
        System.exit(0);
    }

    private synchronized void stopOne(String name) throws Exception {
        if (stopping) {
            throw new IllegalStateException("the stack is stopping");
        }
        if (name.equals("postgres")) {
            if (!postgresHeld) {
                postgres.close();
                postgresHeld = true;
            }
            return;
        }
        ChildProcess process = child(name);
        if (supervisor != null) {
            supervisor.hold(name);
        }
        synchronized (process) { // not in the middle of a restart by the supervisor
            process.stop(30);
        }
    }

    private synchronized void startOne(String name) throws Exception {
        if (stopping) {
            throw new IllegalStateException("the stack is stopping");
        }
        if (name.equals("postgres")) {
            if (postgresHeld) {
                postgres = PostgresServer.start(dataDir, POSTGRES_PORT + offset, new ArrayList<>(SERVICES.keySet()));
                postgresHeld = false;
            }
            return;
        }
        ChildProcess process = child(name);
        if (!process.isAlive()) {
            process.restart();
            leftovers.record(process.name(), process.pid());
        }
        if (supervisor != null) {
            supervisor.release(name);
        }
    }

    private ChildProcess child(String name) {
        return started.stream().filter(process -> process.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process named " + name + " (postgres, "
                        + started.stream().map(ChildProcess::name).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * The console and the services first, all at once (each drains its consumers and outbox on its own; with Kafka away
     * a service waits out its Kafka clients' close timeouts, so one after another would add those waits up), then
     * Kafka, then PostgreSQL.
     */
    private synchronized void stop() {
        if (started.isEmpty() && postgres == null) {
            return;
        }
        stopping = true;
        if (supervisor != null) {
            supervisor.close();
            supervisor = null;
        }
        say("Stopping ...");
        long stopStarted = System.nanoTime();
        List<Thread> stoppers = new ArrayList<>();
        for (ChildProcess process : started) {
            if (process != kafka) {
                Thread stopper = new Thread(() -> process.stop(30), "stop " + process.name());
                stopper.start();
                stoppers.add(stopper);
            }
        }
        for (Thread thread : stoppers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (kafka != null) {
            kafka.stop(30);
        }
        if (identityProvider != null) {
            identityProvider.close();
            identityProvider = null;
        }
        started.clear();
        services.clear();
        if (postgres != null && !postgresHeld) {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        postgres = null;
        if (leftovers != null) {
            leftovers.clear();
        }
        say(String.format(java.util.Locale.ROOT, "Stopped in %.1f s.", (System.nanoTime() - stopStarted) / 1e9));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
