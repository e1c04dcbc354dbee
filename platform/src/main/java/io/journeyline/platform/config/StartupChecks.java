package io.journeyline.platform.config;

import io.journeyline.platform.security.TokenSettings;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a service that would run unsafely, naming every setting at fault at once: the database password
 * missing (no development password is tried instead), or token settings that let another environment's tokens pass or
 * anyone forge them ({@link TokenSettings}). Runs before the first migration touches the database (as Flyway's
 * configuration customizer), and again at start-up for a service without migrations. Not in dev mode, which brings no
 * keys of its own.
 */
@ApplicationScoped
public class StartupChecks implements FlywayConfigurationCustomizer {
    private final Config config;
    private volatile boolean passed;

    public StartupChecks(Config config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        verify();
    }

    void onStart(@Observes StartupEvent event) {
        verify();
    }

    /** Throws, naming every problem, unless the settings are safe to start with. */
    synchronized void verify() {
        if (passed || LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (TokenSettings.value(config, "quarkus.datasource.password").isEmpty()) {
            problems.add("journeyline.db.password (JOURNEYLINE_DB_PASSWORD) is not set: the password of the service's"
                    + " database role (in Kubernetes, the role's Secret)");
        }
        problems.addAll(TokenSettings.problems(config));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Journeyline does not start with these settings: "
                    + String.join("; ", problems));
        }
        passed = true;
    }
}
