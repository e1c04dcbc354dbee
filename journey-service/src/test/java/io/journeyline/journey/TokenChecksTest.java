package io.journeyline.journey;

import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A token passes only when it was issued for this deployment: signed with its key, by its issuer, for its audience,
 * and living no longer than the maximum (24 h by default) — the platform's settings, the same in every service.
 * Anything else is a 401 problem, as a missing token is.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TokenChecksTest {
    private static final String WORKLIST = "/api/v1/pain-points";

    @Test
    void aTokenOfThisIssuerForThisAudienceLivingAnHourPasses() {
        get(TestTokens.claims(Roles.AGENT).sign()).statusCode(200);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        unauthorized(get(TestTokens.claims(Roles.AGENT).audience("another-system").sign()));
        unauthorized(get(TestTokens.claims(Roles.AGENT).remove("aud").sign()));
    }

    @Test
    void aTokenOfAnotherEnvironmentsIssuerIsRefused() {
        unauthorized(get(TestTokens.claims(Roles.AGENT).issuer("https://local.journeyline.invalid").sign()));
        unauthorized(get(TestTokens.claims(Roles.AGENT).issuer("https://journeyline.io").sign()));
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefusedEvenWhileValid() {
        Instant now = Instant.now();
        unauthorized(get(TestTokens.claims(Roles.AGENT).issuedAt(now).expiresAt(now.plus(Duration.ofHours(25))).sign()));
        unauthorized(get(TestTokens.claims(Roles.AGENT).issuedAt(now.minus(Duration.ofDays(29)))
                .expiresAt(now.plus(Duration.ofDays(1))).sign()));
        get(TestTokens.claims(Roles.AGENT).issuedAt(now).expiresAt(now.plus(Duration.ofHours(23))).sign()).statusCode(200);
    }

    @Test
    void missingOrForeignTokensAre401AndAWrongRoleIs403AsBefore() {
        unauthorized(given().get(WORKLIST).then());
        unauthorized(get("not-a-token"));
        get(TestTokens.withRoles(Roles.INGEST)).statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    private static ValidatableResponse get(String token) {
        return given().header("Authorization", "Bearer " + token).get(WORKLIST).then();
    }

    private static void unauthorized(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json").body("status", equalTo(401))
                .header("WWW-Authenticate", "Bearer");
    }
}
