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
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The local stack's signing key pair (made once, kept in the data folder) and a token per role. */
final class Keys {
    /** The local stack's issuer: the services it starts accept only its tokens (not the tests', not dev's). */
    static final String LOCAL_ISSUER = "https://local.journeyline.invalid";
    /** The audience the services check by default ({@code journeyline.jwt.audience}). */
    static final String AUDIENCE = "journeyline";
    /** How long the tokens live by default: a working day, well within the services' maximum (24 h by default). */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    static final List<String> ROLES = List.of("ingest", "agent", "supervisor", "admin", "privacy");

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

    /**
     * This stack's privacy HMAC key (journeyline.privacy.hmac-key, the same for the four services), kept in
     * {@code <dataDir>/keys/privacy-hmac.key} so tombstones stay valid across restarts.
     */
    static String ensurePrivacyKey(Path dataDir) throws IOException {
        return ensureSecret(dataDir, "privacy-hmac.key");
    }

    /**
     * A random secret (32 bytes, hex) kept in {@code <dataDir>/keys/<name>}, made on first use, readable by its owner
     * only (whoever reads the console's client secret can get tokens from the local identity provider).
     */
    static String ensureSecret(Path dataDir, String name) throws IOException {
        Path file = dataDir.resolve("keys").resolve(name);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, java.util.HexFormat.of().formatHex(secret));
        }
        return Files.readString(file).trim();
    }

    /** The tokens the run command wrote to {@code <dataDir>/tokens.env}, by variable (JOURNEYLINE_TOKEN_AGENT, …). */
    static Map<String, String> writtenTokens(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("tokens.env")).stream().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
    }

    /** A fresh token per role from {@code issuer} for the services' audience, issued now and valid for {@code validity}. */
    static Map<String, String> tokens(Path dataDir, String issuer, Duration validity) throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLES) {
            tokens.put(role, token(dataDir, issuer, AUDIENCE, role, validity, Map.of()));
        }
        return tokens;
    }

    /**
     * One token signed with the stack's key: {@code role} in its groups, for {@code audience}, issued now and valid for
     * {@code validity}, with more claims (an ingest client's binding, say).
     */
    static String token(Path dataDir, String issuer, String audience, String role, Duration validity,
                        Map<String, Object> claims) throws Exception {
        PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(dataDir.resolve("keys/privateKey.pem")));
        Instant now = Instant.now();
        var builder = Jwt.issuer(issuer)
                .audience(audience)
                .upn("local-" + role + "@journeyline.io")
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(now.plus(validity));
        claims.forEach(builder::claim);
        return builder.sign(key);
    }

    /** "8 hours", "30 minutes": a token lifetime as the run command prints it. */
    static String words(Duration lifetime) {
        return lifetime.toMinutes() % 60 == 0 ? lifetime.toHours() + (lifetime.toHours() == 1 ? " hour" : " hours")
                : lifetime.toMinutes() + " minutes";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
