package io.journeyline.journey;

import io.journeyline.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Ids in paths and text in bodies are bounded like the contract's: a customer id longer than the 128 characters an
 * event may carry is a 400 naming it on every endpoint that takes one (a consent change for it would publish a
 * {@code journey.consent-changed} no consumer accepts), and so is a pain point's id or a reason beyond 500.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class RequestBoundsTest {
    private static final String TOO_LONG = "c".repeat(129);

    @Test
    void aCustomerIdLongerThanTheContractsIsRefusedNamingIt() {
        String base = "/api/v1/customers/" + TOO_LONG;
        invalid(as(JourneyApi.AGENT).get(base + "/timeline").then(), "customerId");
        invalid(as(JourneyApi.AGENT).get(base + "/journey").then(), "customerId");
        invalid(as(JourneyApi.AGENT).get(base + "/pain-points").then(), "customerId");
        invalid(as(JourneyApi.AGENT).get(base + "/consents").then(), "customerId");
        invalid(as(JourneyApi.ADMIN).contentType("application/json")
                .body(Map.of("consents", List.of(Map.of("purpose", "marketing", "channel", "any", "granted", false))))
                .put(base + "/consents").then(), "customerId");
    }

    @Test
    void aPainPointIdOrReasonLongerThanTheContractsIsRefusedNamingIt() {
        invalid(as(JourneyApi.AGENT).get("/api/v1/pain-points/" + "p".repeat(129)).then(), "id");
        invalid(as(JourneyApi.AGENT).contentType("application/json").body(Map.of("reason", "r".repeat(501)))
                .post("/api/v1/pain-points/pp-1/dismiss").then(), "reason");
    }

    @Test
    void aConsentChangeListsEachPurposeAndChannelAtMostOnce() {
        List<Map<String, Object>> changes = Collections.nCopies(41,
                Map.of("purpose", "marketing", "channel", "any", "granted", false));
        invalid(as(JourneyApi.ADMIN).contentType("application/json").body(Map.of("consents", changes))
                .put("/api/v1/customers/" + JourneyApi.newCustomer() + "/consents").then(), "consents");
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", token);
    }

    private static void invalid(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }
}
