package io.journeyline.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The local stack's signing key pair (made once, kept in the data folder) and a token per role. */
final class Keys {
    static final String ISSUER = "https://journeyline.io";
    static final List<String> ROLES = List.of("ingest", "agent", "supervisor", "admin");

    private Keys() {
    }

    /** Path of the public key the services verify tokens with; creates the pair on first use. */
    static Path ensureKeyPair(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("keys");
        Path publicKey = dir.resolve("publicKey.pem");
        if (!Files.exists(publicKey)) {
            Files.createDirectories(dir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.writeString(dir.resolve("privateKey.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return publicKey;
    }

    /** A fresh token per role, valid for {@code validity}. */
    /** The tokens the run command wrote to {@code <dataDir>/tokens.env}, by variable (JOURNEYLINE_TOKEN_AGENT, …). */
    static Map<String, String> writtenTokens(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("tokens.env")).stream().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
    }

    static Map<String, String> tokens(Path dataDir, Duration validity) throws Exception {
        PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(dataDir.resolve("keys/privateKey.pem")));
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            tokens.put(role, Jwt.issuer(ISSUER)
                    .upn("local-" + role + "@journeyline.io")
                    .groups(Set.of(role))
                    .expiresIn(validity)
                    .sign(key));
        }
        return tokens;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
