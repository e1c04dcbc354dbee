package io.journeyline.platform.security;

import io.smallrye.jwt.util.ResourceUtils;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * What is wrong with a service's token settings: no issuer ({@code journeyline.jwt.issuer}) — another environment's
 * tokens could pass —, no verification key ({@code journeyline.jwt.public-key}), or a key pair this repository
 * publishes ({@link PublishedKeys}), which lets anyone sign tokens, unless {@code journeyline.jwt.allow-published-key
 * =true} — set only by the tests and the Kubernetes dev overlay. Keys fetched over HTTP(S) from an identity provider
 * are not read here. {@code StartupChecks} refuses to start on any of these.
 */
public final class TokenSettings {
    private static final Logger LOG = Logger.getLogger(TokenSettings.class);

    private TokenSettings() {
    }

    /** What is wrong with the token settings, one sentence each; empty when the service may start. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        Optional<String> issuer = value(config, "mp.jwt.verify.issuer");
        if (issuer.isEmpty()) {
            problems.add("journeyline.jwt.issuer (JOURNEYLINE_JWT_ISSUER) is not set: name the issuer (iss) of the"
                    + " tokens this deployment accepts, its own, so that no other environment's tokens pass");
        }
        Optional<String> inline = value(config, "mp.jwt.verify.publickey");
        Optional<String> location = value(config, "mp.jwt.verify.publickey.location");
        if (inline.isEmpty() && location.isEmpty()) {
            problems.add("journeyline.jwt.public-key (JOURNEYLINE_JWT_PUBLIC_KEY) is not set: the location of the"
                    + " public key that verifies tokens (file:/..., classpath:...)");
            return problems;
        }
        if (location.isPresent() && location.get().matches("(?i)https?:.*") && inline.isEmpty()) {
            LOG.infof("tokens: issuer %s, keys from %s", issuer.orElse("?"), location.get());
            return problems;
        }
        String where = inline.isPresent() ? "mp.jwt.verify.publickey" : location.get();
        List<byte[]> keys;
        try {
            String text = inline.isPresent() ? inline.get() : ResourceUtils.readResource(location.get());
            if (text == null) {
                problems.add("the token verification key " + where + " cannot be read");
                return problems;
            }
            keys = PublishedKeys.keysIn(text);
        } catch (Exception e) {
            problems.add("the token verification key " + where + " cannot be read: " + e.getMessage());
            return problems;
        }
        boolean allowed = config.getOptionalValue("journeyline.jwt.allow-published-key", Boolean.class).orElse(false);
        for (byte[] key : keys) {
            Optional<String> published = PublishedKeys.which(key);
            if (published.isPresent() && !allowed) {
                problems.add("the token verification key " + where + " is " + published.get() + ", whose private key"
                        + " is published in Journeyline's repository, so anyone could sign tokens for this deployment:"
                        + " configure your identity provider's key (journeyline.jwt.public-key); a throwaway deployment"
                        + " may accept it with journeyline.jwt.allow-published-key=true");
            } else if (published.isPresent()) {
                LOG.warnf("tokens are verified with %s, whose private key is published "
                        + "(journeyline.jwt.allow-published-key=true): anyone can sign tokens here", published.get());
            }
            if (published.isEmpty() || allowed) {
                LOG.infof("tokens: issuer %s, audience %s, lifetime at most %s s, key sha256 %s", issuer.orElse("?"),
                        value(config, "mp.jwt.verify.audiences").orElse("-"),
                        value(config, "smallrye.jwt.time-to-live").orElse("-"), PublishedKeys.fingerprint(key));
            }
        }
        if (keys.isEmpty()) {
            problems.add("the token verification key " + where + " holds no public key");
        }
        return problems;
    }

    /** A setting's value; empty when unset, blank, or an expression naming a setting that is not there. */
    public static Optional<String> value(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
    }
}
