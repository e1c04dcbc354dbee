package io.journeyline.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A signing key pair and a bearer token per role, for a deployment the run command did not start (a dev cluster, say)
 * or fresh ones for the local stack: the services there verify with the public key
 * ({@code <data-dir>/keys/publicKey.pem}) and accept only their own issuer, so it is named every time — no default
 * that would make one environment's tokens pass in another. Keeps an existing key pair.
 * <pre>deploy/local/tokens.sh --data-dir DIR --issuer ISSUER [--hours N]</pre>
 */
public final class Tokens {
    private static final String USAGE = "usage: tokens.sh --data-dir DIR --issuer ISSUER [--hours N]   (the local stack's"
            + " issuer is " + Keys.LOCAL_ISSUER + "; the Kubernetes dev overlay's is in its kustomization.yaml)";

    private Tokens() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        String issuer = null;
        Duration lifetime = Keys.DEFAULT_LIFETIME;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--issuer" -> issuer = args[++i];
                case "--hours" -> lifetime = Duration.ofHours(Long.parseLong(args[++i]));
                default -> {
                    System.err.println(USAGE + "\nunknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (dataDir == null || issuer == null || issuer.isBlank()) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path publicKey = Keys.ensureKeyPair(dataDir);
        Map<String, String> tokens = Keys.tokens(dataDir, issuer, lifetime);
        System.out.println("public key (the services' journeyline-jwt Secret, key publicKey.pem): " + publicKey.toAbsolutePath());
        System.out.println("tokens, valid " + Keys.words(lifetime) + " (issuer " + issuer + ", audience " + Keys.AUDIENCE
                + "; the services refuse tokens living longer than journeyline.jwt.max-lifetime-seconds, 24 h by default):");
        tokens.forEach((role, token) -> System.out.printf("  %-11s %s%n", role, token));
    }
}
