package io.journeyline.platform.persistence;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code journeyline.db.ssl-mode=verify-full} with {@code journeyline.db.ssl-root-cert} against a PostgreSQL that
 * takes TLS connections only (pg_hba {@code hostssl}) and whose certificate names {@code localhost}: the service
 * starts — Flyway's JDBC connections (the default and the {@code platform} datasource) could not have migrated
 * otherwise — and every connection of the reactive pool is encrypted.
 */
@QuarkusTest
@TestProfile(DatabaseTlsTest.VerifyFull.class)
class DatabaseTlsTest {
    @Inject
    Pool pool;

    @Test
    void everyConnectionIsEncryptedAndTheServerVerified() {
        Row row = pool.query("select ssl from pg_stat_ssl where pid = pg_backend_pid()").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next();
        assertThat(row.getBoolean("ssl")).isTrue();
        Row migrated = pool.query("select (select count(*) from flyway_schema_history where success) as service,"
                + " (select count(*) from platform_schema_history where success) as platform").execute()
                .await().atMost(Duration.ofSeconds(30)).iterator().next();
        assertThat(migrated.getLong("service")).isPositive();
        assertThat(migrated.getLong("platform")).isPositive();
    }

    /** Its own Kafka and a PostgreSQL with TLS only. */
    public static class VerifyFull implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsOnlyDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A self-signed certificate for localhost (made with the JDK's keytool), the server refusing plain connections. */
    public static class TlsOnlyDatabase extends RealInfrastructure {
        private Path certificate;

        @Override
        protected EmbeddedPostgres.Builder postgres(EmbeddedPostgres.Builder builder) {
            try {
                Path dir = Files.createTempDirectory("pg-tls");
                Path keystore = dir.resolve("server.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "pg", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                        .redirectErrorStream(true).start();
                assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0)
                        .as(new String(keytool.getInputStream().readAllBytes())).isTrue();
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(keystore)) {
                    store.load(in, "changeit".toCharArray());
                }
                certificate = dir.resolve("server.crt");
                Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate("pg").getEncoded()));
                Path key = dir.resolve("server.key");
                Files.writeString(key, pem("PRIVATE KEY", ((PrivateKey) store.getKey("pg", "changeit".toCharArray()))
                        .getEncoded()));
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                Path hba = dir.resolve("pg_hba.conf");
                Files.writeString(hba, "local all all trust\nhostssl all all 127.0.0.1/32 trust\n"
                        + "hostssl all all ::1/128 trust\n");
                return builder.setServerConfig("ssl", "on").setServerConfig("ssl_cert_file", certificate.toString())
                        .setServerConfig("ssl_key_file", key.toString()).setServerConfig("hba_file", hba.toString());
            } catch (Exception e) {
                throw new IllegalStateException("could not make the test server's certificate", e);
            }
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("journeyline.db.ssl-mode", "verify-full");
            config.put("journeyline.db.ssl-root-cert", certificate.toString());
            return config;
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
