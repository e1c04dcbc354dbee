package io.journeyline.journey;

import io.journeyline.platform.privacy.Pseudonyms;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every read of one customer's data on journey-service, and every change by a person, is in the access log. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccessLogApiTest {
    @Inject
    Pseudonyms pseudonyms;

    @Test
    void anAgentsReadsOfACustomerAreLoggedPerEndpointAndARefusedOneAsRefused() {
        Customer customer = new Customer(OffsetDateTime.now().minusHours(2));
        JourneyApi.awaitInTimeline(customer.id, customer.touchpoint(0, "web", "home", "visit", Map.of()).get("id").asText());
        String agentName = "agent-" + UUID.randomUUID();
        String agent = TestTokens.bearerFor(agentName, Roles.AGENT);
        List<String> reads = List.of("journey", "timeline", "pain-points", "consents", "decisions");
        for (String read : reads) {
            given().header("Authorization", agent).get("/api/v1/customers/" + customer.id + "/" + read).then().statusCode(200);
        }
        given().header("Authorization", agent).contentType("application/json")
                .body(Map.of("consents", List.of(Map.of("purpose", "survey", "channel", "email", "granted", false))))
                .put("/api/v1/customers/" + customer.id + "/consents").then().statusCode(200);
        String adminName = "admin-" + UUID.randomUUID();
        given().header("Authorization", TestTokens.bearerFor(adminName, Roles.ADMIN))
                .get("/api/v1/customers/" + customer.id + "/timeline").then().statusCode(403);

        JsonPath trail = given().header("Authorization", TestTokens.bearer(Roles.PRIVACY))
                .get("/api/v1/audit?customerId=" + customer.id + "&limit=100").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> agentRows = trail.getList("items.findAll { it.actor == '" + agentName + "' }");
        assertThat(agentRows).extracting(row -> row.get("method") + " " + row.get("resource") + " " + row.get("status"))
                .containsExactlyInAnyOrder(
                        "GET /api/v1/customers/{customerId}/journey 200", "GET /api/v1/customers/{customerId}/timeline 200",
                        "GET /api/v1/customers/{customerId}/pain-points 200", "GET /api/v1/customers/{customerId}/consents 200",
                        "GET /api/v1/customers/{customerId}/decisions 200", "PUT /api/v1/customers/{customerId}/consents 200");
        assertThat(agentRows).allSatisfy(row -> assertThat(row).containsEntry("customerHmac", pseudonyms.of(customer.id))
                .containsEntry("roles", "agent"));
        assertThat(trail.getList("items.findAll { it.actor == '" + adminName + "' }.status", Integer.class)).containsExactly(403);
    }
}
