package io.journeyline.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A signing key pair and a bearer token per role, for a deployment that is not the local stack (a dev cluster, say):
 * the services there verify with the public key ({@code <data-dir>/keys/publicKey.pem}); the tokens carry the roles.
 * Keeps an existing key pair, so tokens can be made again for the same deployment.
 * <pre>deploy/local/tokens.sh --data-dir DIR [--days N]</pre>
 */
public final class Tokens {
    private Tokens() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        int days = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: tokens.sh --data-dir DIR [--days N]   (unknown argument " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        if (dataDir == null) {
            System.err.println("usage: tokens.sh --data-dir DIR [--days N]");
            System.exit(2);
        }
        Path publicKey = Keys.ensureKeyPair(dataDir);
        Map<String, String> tokens = Keys.tokens(dataDir, Duration.ofDays(days));
        System.out.println("public key (the services' journeyline-jwt Secret, key publicKey.pem): " + publicKey.toAbsolutePath());
        System.out.println("tokens, valid " + days + " days (issuer " + Keys.ISSUER + "):");
        tokens.forEach((role, token) -> System.out.printf("  %-11s %s%n", role, token));
    }
}
