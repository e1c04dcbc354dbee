package io.journeyline.platform.security;

import io.smallrye.jwt.util.KeyUtils;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token-signing key pairs whose private halves this repository publishes: anyone can sign tokens for a deployment
 * that verifies with one of them. Known by key material — the SHA-256 of the public key's DER encoding
 * (SubjectPublicKeyInfo) — not by file name, so a copy under another name or in another format (PEM, certificate,
 * JWK) is still recognised. {@code PublishedKeysTest} holds this list to the files.
 */
public final class PublishedKeys {
    /** Fingerprint → which pair it is. */
    static final Map<String, String> PUBLISHED = Map.of(
            "2779616b108b5f59072b9cd2ec3c39826e00e9005d272f5796a999a58d9ffee7",
            "the tests' key pair (test-support, journeyline-test/publicKey.pem)",
            "218345741e81409fc1d3196a6bdb56f84f568bd70a1efbbde946644d1dfbf94d",
            "the Kubernetes dev overlay's key pair (deploy/kubernetes/overlays/dev/jwt/keys/publicKey.pem)");

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private PublishedKeys() {
    }

    /** Which published pair a key is, if it is one. */
    public static Optional<String> which(byte[] encodedPublicKey) {
        return Optional.ofNullable(PUBLISHED.get(fingerprint(encodedPublicKey)));
    }

    /** SHA-256 of a public key's DER encoding, in hex. */
    public static String fingerprint(byte[] encodedPublicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encodedPublicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The DER encodings of the public keys in a verification key's text, as smallrye-jwt accepts it: PEM public keys or
     * certificates, a JWK or a JWK set, or a bare base64 key.
     */
    public static List<byte[]> keysIn(String text) throws GeneralSecurityException {
        List<byte[]> keys = new ArrayList<>();
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            for (JsonWebKey jwk : KeyUtils.loadJsonWebKeys(trimmed)) {
                if (jwk instanceof PublicJsonWebKey key && key.getPublicKey() != null) {
                    keys.add(key.getPublicKey().getEncoded());
                }
            }
            return keys;
        }
        Matcher pem = PEM.matcher(trimmed);
        while (pem.find()) {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2).trim());
            if (pem.group(1).contains("CERTIFICATE")) {
                keys.add(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der))
                        .getPublicKey().getEncoded());
            } else if (pem.group(1).equals("PUBLIC KEY")) {
                keys.add(der);
            }
        }
        if (keys.isEmpty() && !trimmed.isEmpty() && !trimmed.contains("-----")) {
            keys.add(Base64.getMimeDecoder().decode(trimmed.getBytes(StandardCharsets.US_ASCII)));
        }
        return keys;
    }
}
