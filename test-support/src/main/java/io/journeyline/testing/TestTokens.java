package io.journeyline.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens signed with the test key (see {@code journeyline-test/}), shaped as every service expects them: this
 * environment's own issuer, the services' audience, an hour to live. The services' test profile accepts exactly
 * these (the platform's {@code %test.journeyline.jwt.issuer}); no other environment accepts them.
 */
public final class TestTokens {
    /** The tests' issuer, and no other environment's. */
    public static final String ISSUER = "https://tests.journeyline.invalid";
    /** The audience every service checks ({@code journeyline.jwt.audience}'s default). */
    public static final String AUDIENCE = "journeyline";

    private TestTokens() {
    }

    /** A token whose {@code groups} claim holds exactly {@code roles}. */
    public static String withRoles(String... roles) {
        return claims(roles).sign();
    }

    /** A token of the user {@code upn} (the principal name the services see) holding exactly {@code roles}. */
    public static String forUser(String upn, String... roles) {
        return claims(roles).upn(upn).sign();
    }

    /**
     * The claims of {@link #withRoles} — issued now, living an hour — for a test to change one of them (another
     * audience, issuer or lifetime) before {@code sign()}.
     */
    public static JwtClaimsBuilder claims(String... roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn("test-" + String.join("-", roles) + "@journeyline.io")
                .groups(Set.of(roles))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(1)));
    }

    /** {@code Bearer <token>} whose {@code groups} hold {@code roles}, with more claims (an ingest client's binding). */
    public static String bearerWithClaims(Map<String, Object> claims, String... roles) {
        JwtClaimsBuilder builder = claims(roles);
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
