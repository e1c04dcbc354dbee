package io.journeyline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a packaged service does at start-up in production (the {@code prod} profile, as in a container), one service
 * (journey-service) standing for all four, since the checks are the platform's: it refuses to start with the key pair
 * this repository publishes for the Kubernetes dev overlay (named by key material, so a copy elsewhere is refused
 * too), or without its database password or token issuer, or with TLS to a PostgreSQL that has none — each with a
 * message naming the setting; started as the dev overlay starts it, it serves {@code /q/*} on its port + 1000 and not
 * on its port.
 */
class StartupChecksIT {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path SERVICE = REPOSITORY.resolve("journey-service/target/quarkus-app/quarkus-run.jar");
    private static final Path DEV_KEY = REPOSITORY.resolve("deploy/kubernetes/overlays/dev/jwt/keys/publicKey.pem");
    /** Not the ports of a local stack (8081–8084, 9081–9084) or of the other ITs. */
    private static final int PORT = 8681;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        // The binaries by name: this test's classpath holds the launcher's lib/ copy of them beside Maven's, which
        // zonky's own lookup refuses as duplicates.
        postgres = EmbeddedPostgres.builder().setPgBinaryResolver((system, machine) -> StartupChecksIT.class
                .getResourceAsStream("/postgres-" + system.toLowerCase() + "-" + machine.toLowerCase() + ".txz")).start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void thePublishedDevKeyIsRefusedWhereverItLies() throws Exception {
        Path copy = Files.createTempFile(Path.of("target"), "idp-key", ".pem");
        Files.copy(DEV_KEY, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = environment();
        env.put("JOURNEYLINE_JWT_PUBLIC_KEY", copy.toUri().toString());

        String output = refusedToStart(env);

        assertThat(output).contains("Journeyline does not start with these settings")
                .contains("the Kubernetes dev overlay's key pair").contains("published")
                .contains("journeyline.jwt.allow-published-key=true");
    }

    @Test
    void aMissingDatabasePasswordStopsTheStartBeforeAnyConnection() throws Exception {
        Map<String, String> env = environment();
        env.remove("JOURNEYLINE_DB_PASSWORD");

        String output = refusedToStart(env);

        assertThat(output).contains("journeyline.db.password (JOURNEYLINE_DB_PASSWORD) is not set")
                .doesNotContain("Migrating schema");
    }

    @Test
    void withoutItsOwnTokenIssuerItDoesNotStart() throws Exception {
        Map<String, String> env = environment();
        env.remove("JOURNEYLINE_JWT_ISSUER");

        // Quarkus refuses first, naming the setting journeyline.jwt.issuer feeds: there is no default issuer to fall to
        assertThat(refusedToStart(env)).contains("mp.jwt.verify.issuer").doesNotContain("Migrating schema");
    }

    @Test
    void withoutAPrivacyKeyOrWithAShortOneItDoesNotStart() throws Exception {
        Map<String, String> env = environment();
        env.remove("JOURNEYLINE_PRIVACY_HMAC_KEY");
        assertThat(refusedToStart(env)).contains("journeyline.privacy.hmac-key").doesNotContain("Migrating schema");

        env.put("JOURNEYLINE_PRIVACY_HMAC_KEY", "short");
        assertThat(refusedToStart(env)).contains("journeyline.privacy.hmac-key (JOURNEYLINE_PRIVACY_HMAC_KEY) is shorter than 32")
                .doesNotContain("Migrating schema");
    }

    @Test
    void tlsToAServerWithoutItIsRefusedNotSilentlyDropped() throws Exception {
        Map<String, String> env = environment();
        env.put("JOURNEYLINE_JWT_ALLOW_PUBLISHED_KEY", "true");
        env.put("JOURNEYLINE_DB_SSL_MODE", "require");

        String output = refusedToStart(env);

        assertThat(output).contains("The server does not support SSL").doesNotContain("Migrating schema");
    }

    @Test
    void withTheDevOverlaysOptInItStartsAndServesQOnlyOnTheManagementPort() throws Exception {
        Map<String, String> env = environment();
        env.put("JOURNEYLINE_JWT_ALLOW_PUBLISHED_KEY", "true");
        Path log = Path.of("target/startup-checks/opt-in.log");
        Process service = start(env, log);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                assertThat(service.isAlive()).as("the service runs; its log:\n%s", read(log)).isTrue();
                assertThat(status(http, (PORT + 1000) + "/q/health/live")).isEqualTo(200);
            });
            assertThat(status(http, (PORT + 1000) + "/q/metrics")).isEqualTo(200);
            assertThat(status(http, PORT + "/q/health/live")).isEqualTo(404);
            assertThat(status(http, PORT + "/q/metrics")).isEqualTo(404);
            assertThat(status(http, PORT + "/api/v1/pain-points")).isEqualTo(401);
            assertThat(read(log)).contains("key pair (deploy/kubernetes/overlays/dev/jwt/keys/publicKey.pem), whose"
                    + " private key is published");
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** How the dev overlay starts a service: its database, the dev key, its issuer; Kafka is not needed to start. */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(PORT));
        env.put("JOURNEYLINE_DB_HOST", "localhost");
        env.put("JOURNEYLINE_DB_PORT", Integer.toString(postgres.getPort()));
        env.put("JOURNEYLINE_DB_NAME", "postgres");
        env.put("JOURNEYLINE_DB_USER", "postgres");
        env.put("JOURNEYLINE_DB_PASSWORD", "postgres");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:1");
        env.put("JOURNEYLINE_JWT_ISSUER", "https://startup-checks.journeyline.invalid");
        env.put("JOURNEYLINE_PRIVACY_HMAC_KEY", "startup-checks-hmac-key-of-32-characters-or-more");
        env.put("JOURNEYLINE_JWT_PUBLIC_KEY", DEV_KEY.toUri().toString());
        return env;
    }

    /** Starts the service, expects it to exit by itself with a non-zero code, and returns what it printed. */
    private static String refusedToStart(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "startup-checks", ".log");
        Process service = start(env, log);
        boolean exited = service.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = read(log);
        assertThat(exited).as("the service stopped by itself; it printed:\n%s", output).isTrue();
        assertThat(service.exitValue()).as(output).isNotZero();
        return output;
    }

    private static Process start(Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", SERVICE.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("JOURNEYLINE_") || name.startsWith("QUARKUS_")
                || name.startsWith("KAFKA_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int status(HttpClient http, String portAndPath) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portAndPath))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
