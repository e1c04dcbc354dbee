package io.journeyline.platform.security;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The published key pairs are known by their key material, whatever file or format they come in. */
class PublishedKeysTest {
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    @Test
    void theRepositorysPublishedPublicKeysAreKnown() throws Exception {
        String tests = new String(Objects.requireNonNull(getClass().getClassLoader()
                .getResourceAsStream("journeyline-test/publicKey.pem")).readAllBytes());
        String dev = Files.readString(REPOSITORY.resolve("deploy/kubernetes/overlays/dev/jwt/keys/publicKey.pem"));

        assertThat(PublishedKeys.keysIn(tests)).singleElement().satisfies(key ->
                assertThat(PublishedKeys.which(key)).hasValueSatisfying(which -> assertThat(which).contains("tests")));
        assertThat(PublishedKeys.keysIn(dev)).singleElement().satisfies(key ->
                assertThat(PublishedKeys.which(key)).hasValueSatisfying(which -> assertThat(which).contains("dev overlay")));
        assertThat(PublishedKeys.PUBLISHED).hasSize(2);
    }

    @Test
    void theSameKeyAsAJwkSetOrWithoutPemLinesIsStillKnown() throws Exception {
        String pem = Files.readString(REPOSITORY.resolve("deploy/kubernetes/overlays/dev/jwt/keys/publicKey.pem"));
        byte[] der = PublishedKeys.keysIn(pem).get(0);
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        String jwks = "{\"keys\":[" + PublicJsonWebKey.Factory.newPublicJwk(key).toJson() + "]}";
        String bare = pem.replaceAll("-----[A-Z ]+-----", "").trim();

        assertThat(PublishedKeys.keysIn(jwks)).singleElement().satisfies(k -> assertThat(PublishedKeys.which(k)).isPresent());
        assertThat(PublishedKeys.keysIn(bare)).singleElement().satisfies(k -> assertThat(PublishedKeys.which(k)).isPresent());
    }

    @Test
    void anyOtherKeyIsNotPublished() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] fresh = generator.generateKeyPair().getPublic().getEncoded();

        assertThat(PublishedKeys.which(fresh)).isEmpty();
        assertThat(PublishedKeys.keysIn("-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(fresh) + "\n-----END PUBLIC KEY-----\n")).singleElement()
                .satisfies(k -> assertThat(k).isEqualTo(fresh));
        assertThat(PublishedKeys.keysIn("")).isEqualTo(List.of());
    }
}
