package io.journeyline.platform.config;

import io.journeyline.platform.privacy.Pseudonyms;
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
 * missing (no development password is tried instead), the privacy HMAC key missing or short, or token settings that let another environment's tokens pass or
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
        String hmacKey = TokenSettings.value(config, "journeyline.privacy.hmac-key").orElse("");
        if (hmacKey.length() < Pseudonyms.MIN_KEY_LENGTH) {
            problems.add("journeyline.privacy.hmac-key (JOURNEYLINE_PRIVACY_HMAC_KEY) is " + (hmacKey.isEmpty() ? "not set"
                    : "shorter than " + Pseudonyms.MIN_KEY_LENGTH + " characters") + ": the secret key that names erased"
                    + " customers, the same in all four services (in Kubernetes, the journeyline-privacy Secret)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Journeyline does not start with these settings: "
                    + String.join("; ", problems));
        }
        passed = true;
    }
}
