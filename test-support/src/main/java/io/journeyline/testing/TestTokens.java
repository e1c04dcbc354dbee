package io.journeyline.testing;

import io.smallrye.jwt.build.Jwt;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Bearer tokens signed with the test key (see {@code journeyline-test/}), as the local run issues them. */
public final class TestTokens {
    private TestTokens() {
    }

    /** A token whose {@code groups} claim holds exactly {@code roles}. */
    public static String withRoles(String... roles) {
        return forUser("test-" + String.join("-", roles) + "@journeyline.io", roles);
    }

    /** A token of the user {@code upn} (the principal name the services see) holding exactly {@code roles}. */
    public static String forUser(String upn, String... roles) {
        return Jwt.issuer("https://journeyline.io")
                .upn(upn)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1))
                .sign();
    }

    /** {@code Bearer <token>} whose {@code groups} hold {@code roles}, with more claims (an ingest client's binding). */
    public static String bearerWithClaims(Map<String, Object> claims, String... roles) {
        var builder = Jwt.issuer("https://journeyline.io")
                .upn("test-" + String.join("-", roles) + "@journeyline.io")
                .groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1));
        claims.forEach(builder::claim);
        return "Bearer " + builder.sign();
    }

    /** {@code Bearer <token>} for an {@code Authorization} header. */
    public static String bearer(String... roles) {
        return "Bearer " + withRoles(roles);
    }

    /** {@code Bearer <token>} of the user {@code upn} holding {@code roles}. */
    public static String bearerFor(String upn, String... roles) {
        return "Bearer " + forUser(upn, roles);
    }
}
