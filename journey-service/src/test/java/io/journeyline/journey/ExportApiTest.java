package io.journeyline.journey;

import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A customer's subject-access export from journey-service, when the other services cannot be reached. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ExportApiTest {
    private static final String PRIVACY = TestTokens.bearerFor("dpo@example.com", Roles.PRIVACY);

    @Test
    void journeyServicesPartIsThereAndTheUnreachableServicesAreNamedMissing() {
        Customer customer = new Customer(OffsetDateTime.now().minusHours(3));
        String email = "export-" + customer.id + "@example.com";
        String visit = customer.touchpoint(0, "web", "home", "visit", Map.of("identities", Map.of("email", email)))
                .get("id").asText();
        JourneyApi.awaitInTimeline(customer.id, visit);
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + customer.id + "/timeline").then()
                .statusCode(200);

        JsonPath export = given().header("Authorization", PRIVACY)
                .get("/api/v1/privacy/customers/" + customer.id + "/export").then().statusCode(200).extract().jsonPath();

        assertThat(export.getString("customerId")).isEqualTo(customer.id);
        String journey = "services.'journey-service'.data.";
        assertThat(export.getList(journey + "timeline_entries.event_id", String.class)).containsExactly(visit);
        assertThat(export.getString(journey + "timeline_entries[0].data.touchpoint")).isEqualTo("home");
        assertThat(export.getList(journey + "identities.identifier", String.class)).containsExactly("email:" + email);
        assertThat(export.getList(journey + "access_log.resource", String.class))
                .contains("/api/v1/customers/{customerId}/timeline");
        assertThat(export.getList(journey + "decisions")).isEmpty();
        assertThat(export.getList("missing.service", String.class))
                .containsExactly("survey-service", "education-service", "feedback-service");
        assertThat(export.getList("missing.reason", String.class)).allMatch(reason -> reason.startsWith("unreachable"));

        given().header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/privacy/customers/" + customer.id + "/export")
                .then().statusCode(403);

        // the same as a job, for a long history: progress in parts, then the document
        String job = given().header("Authorization", PRIVACY).post("/api/v1/privacy/customers/" + customer.id + "/exports")
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.containsString("/api/v1/privacy/exports/"))
                .extract().path("id");
        JsonPath status = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> given()
                .header("Authorization", PRIVACY).get("/api/v1/privacy/exports/" + job).then().statusCode(200).extract()
                .jsonPath(), s -> !"RUNNING".equals(s.getString("status")));
        assertThat(status.getString("status")).isEqualTo("DONE");
        assertThat(status.getInt("partsDone")).isEqualTo(4);
        assertThat(status.getInt("partsTotal")).isEqualTo(4);
        JsonPath document = given().header("Authorization", PRIVACY).get("/api/v1/privacy/exports/" + job + "/document")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(document.getList(journey + "timeline_entries.event_id", String.class)).containsExactly(visit);
        assertThat(document.getList("missing.service", String.class)).hasSize(3);
    }
}
