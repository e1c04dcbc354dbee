package io.journeyline.platform.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Settings the platform derives from others, so the rule is written once for the four services rather than as a
 * number in each:
 * <ul>
 *   <li>{@code quarkus.management.port} — where {@code /q/*} (health, metrics, OpenAPI) is served: the service's HTTP
 *   port + {@value #MANAGEMENT_PORT_DISTANCE} (8081 → 9081), also when the port is moved
 *   ({@code QUARKUS_HTTP_PORT=8181} → 9181);</li>
 *   <li>{@code quarkus.datasource.reactive.hostname-verification-algorithm} — {@code HTTPS} when
 *   {@code journeyline.db.ssl-mode} is {@code verify-full} (the reactive client checks the server's name only when
 *   told to, unlike JDBC, which reads the mode alone), {@code NONE} otherwise;</li>
 *   <li>{@code sslrootcert} of both JDBC datasources (the default one and Flyway's {@code platform}) — the CA named by
 *   {@code journeyline.db.ssl-root-cert}, only when one is named (an empty JDBC property is an error).</li>
 * </ul>
 * A deployment that sets one of these keys itself wins: this source ranks below every application.properties and the
 * environment. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class DerivedSettings implements ConfigSourceFactory {
    /** The management port's distance from the HTTP port (ARCHITECTURE.md: locally 9081–9084). */
    public static final int MANAGEMENT_PORT_DISTANCE = 1000;
    /** Above the platform's META-INF/microprofile-config.properties (100), below application.properties (250). */
    static final int ORDINAL = 150;

    /** The management port of a service whose HTTP port is {@code httpPort}. */
    public static int managementPort(int httpPort) {
        return httpPort + MANAGEMENT_PORT_DISTANCE;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> derived = new HashMap<>();
        String httpPort = valueOf(context.getValue("quarkus.http.port"));
        if (httpPort != null && httpPort.matches("\\d+")) {
            derived.put("quarkus.management.port", Integer.toString(managementPort(Integer.parseInt(httpPort))));
        }
        String sslMode = valueOf(context.getValue("journeyline.db.ssl-mode"));
        derived.put("quarkus.datasource.reactive.hostname-verification-algorithm",
                "verify-full".equalsIgnoreCase(sslMode) ? "HTTPS" : "NONE");
        String rootCert = valueOf(context.getValue("journeyline.db.ssl-root-cert"));
        if (rootCert != null && !rootCert.isEmpty()) {
            derived.put("quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert", rootCert);
            derived.put("quarkus.datasource.platform.jdbc.additional-jdbc-properties.sslrootcert", rootCert);
        }
        return List.of(new PropertiesConfigSource(derived, "journeyline derived settings", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String valueOf(ConfigValue value) {
        return value == null || value.getValue() == null ? null : value.getValue().trim();
    }
}
