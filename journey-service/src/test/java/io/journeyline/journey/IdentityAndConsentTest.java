package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.journeyline.journey.Customer.idOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Finding customers by identifier, linking them, the size guard, and consent honoured and republished. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class IdentityAndConsentTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-05T10:00:00Z");

    @Test
    void aSharedIdentifierLinksTwoCustomersAndEitherShowsTheLinkedJourney() {
        String email = "email:" + UUID.randomUUID() + "@example.com";
        String phone = "phone:+86" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        Customer web = new Customer(T0);
        Customer app = new Customer(T0);
        ObjectNode webVisit = web.touchpoint(0, "web", "home", "visit", Map.of("identities", Map.of("email", value(email))));
        JourneyApi.awaitInTimeline(web.id, idOf(webVisit));   // the web shop saw the e-mail first
        ObjectNode appLogin = app.touchpoint(5, "app", "login", "login",
                Map.of("identities", Map.of("email", value(email), "phone", value(phone))));

        JsonPath byPhone = await().atMost(Duration.ofSeconds(20)).until(() -> lookup(phone),
                found -> found.statusCode() == 200 && !found.jsonPath().getList("linkedCustomerIds").isEmpty()).jsonPath();
        assertThat(byPhone.getString("customerId")).isEqualTo(app.id);
        assertThat(byPhone.getList("linkedCustomerIds")).containsExactly(web.id);
        assertThat(byPhone.getString("links[0].identifier")).isEqualTo(email);
        assertThat(byPhone.getString("links[0].causeEventId")).isEqualTo(idOf(appLogin));
        assertThat(lookup(email).jsonPath().getString("customerId")).isEqualTo(web.id);

        assertThat(JourneyApi.timelineIds(web.id)).containsExactly(idOf(appLogin), idOf(webVisit));
        assertThat(JourneyApi.timelineIds(app.id)).containsExactly(idOf(appLogin), idOf(webVisit));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + app.id + "/journey").then()
                .statusCode(200).body("linkedCustomerIds", equalTo(List.of(web.id)));
    }

    @Test
    void aLinkThatWouldGrowACustomerBeyondTheLimitIsQueuedForReviewInstead() {
        String shared = "email:" + UUID.randomUUID() + "@reseller.example";
        Map<String, Object> many = new LinkedHashMap<>();
        many.put("email", value(shared));
        for (int i = 0; i < 14; i++) {
            many.put("device" + i, UUID.randomUUID().toString());
        }
        Customer big = new Customer(T0);
        big.touchpoint(0, "web", "home", "visit", Map.of("identities", many));
        Map<String, Object> six = new LinkedHashMap<>();
        six.put("email", value(shared));
        for (int i = 0; i < 6; i++) {
            six.put("device" + i, UUID.randomUUID().toString());
        }
        Customer other = new Customer(T0);
        ObjectNode linking = other.touchpoint(5, "app", "login", "login", Map.of("identities", six));

        // 15 + 6 identifiers, 21 together: over the default limit of 20
        JsonPath review = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                        .header("Authorization", JourneyApi.SUPERVISOR).get("/api/v1/identity-reviews?limit=200")
                        .then().statusCode(200).extract().jsonPath(),
                reviews -> reviews.getList("items.customerId").contains(other.id));
        Map<String, Object> queued = review.getMap("items.find { it.customerId == '" + other.id + "' }");
        assertThat(queued).containsEntry("otherCustomerId", big.id).containsEntry("identifier", shared)
                .containsEntry("identifiersAfter", 21).containsEntry("causeEventId", idOf(linking))
                .containsEntry("status", "PENDING");
        assertThat(lookup(shared).jsonPath().getList("linkedCustomerIds")).isEmpty();
    }

    @Test
    void anUnknownOrMalformedIdentifierIsANamedError() {
        lookup("email:nobody-" + UUID.randomUUID() + "@example.com").then().statusCode(404);
        lookup("no-kind").then().statusCode(400).body("errors[0].field", equalTo("identifier"));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers").then().statusCode(400)
                .body("errors[0].field", equalTo("identifier"));
    }

    @Test
    void aRevokedPurposeSuppressesTheInterventionWithTheConsentGuardAndChangesAreRepublished() {
        Customer d = new Customer(T0);
        ObjectNode visit = d.touchpoint(0, "web", "home", "visit", Map.of());
        JourneyApi.awaitInTimeline(d.id, idOf(visit));

        given().header("Authorization", JourneyApi.AGENT).contentType("application/json")
                .body("{\"consents\":[{\"purpose\":\"education\",\"channel\":\"any\",\"granted\":false}]}")
                .put("/api/v1/customers/" + d.id + "/consents").then().statusCode(200)
                .body("effectiveByPurpose.education", equalTo(false)).body("effectiveByPurpose.service", equalTo(true));
        d.touchpoint(10, "app", "setup.wifi", "error", Map.of());
        d.touchpoint(11, "app", "setup.wifi", "error", Map.of());
        d.touchpoint(12, "app", "setup.wifi", "error", Map.of());

        JsonPath painPoints = d.awaitPainPoint("PP-REPEATED-ERRORS");
        assertThat(painPoints.getString("items[0].interventions[0].status")).isEqualTo("SUPPRESSED");
        assertThat(painPoints.getString("items[0].interventions[0].suppressedBy")).isEqualTo("consent");
        assertThat(painPoints.getString("items[0].interventions[0].reason"))
                .isEqualTo("the customer has not consented to education contact");

        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", d.id).put("purpose", "survey")
                .put("channel", "email").put("granted", false);
        d.send(Topics.TOUCHPOINTS, "io.journeyline.consent.changed", "/crm/preferences", 20, data);
        List<String> republished = TestKafka.readAll(Topics.INSIGHTS, r -> r.key().equals(d.id)
                        && "io.journeyline.journey.consent-changed".equals(TestKafka.header(r, "ce_type")), 2,
                Duration.ofSeconds(20)).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(republished).hasSize(2);
        assertThat(republished.get(1)).contains("\"purpose\":\"survey\",\"channel\":\"email\",\"granted\":false")
                .contains("\"purpose\":\"education\",\"channel\":\"any\",\"granted\":false");
    }

    @Test
    void aBadConsentChangeNamesEveryField() {
        Customer e = new Customer(T0);
        ObjectNode visit = e.touchpoint(0, "web", "home", "visit", Map.of());
        JourneyApi.awaitInTimeline(e.id, idOf(visit));

        given().header("Authorization", JourneyApi.AGENT).contentType("application/json")
                .body("{\"consents\":[{\"purpose\":\"spam\",\"channel\":\"pigeon\"}]}")
                .put("/api/v1/customers/" + e.id + "/consents").then().statusCode(400)
                .body("errors.field", equalTo(List.of("consents[0].purpose", "consents[0].channel", "consents[0].granted")));
    }

    @Test
    void aConsentForACustomerWithNoEventsYetIsRecordedAndHonouredWhenTheirEventsCome() {
        Customer f = new Customer(T0);
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + f.id + "/consents").then()
                .statusCode(404);

        // the consent platform syncs the opt-out at sign-up, before any touchpoint
        given().header("Authorization", JourneyApi.AGENT).contentType("application/json")
                .body("{\"consents\":[{\"purpose\":\"education\",\"channel\":\"any\",\"granted\":false}]}")
                .put("/api/v1/customers/" + f.id + "/consents").then().statusCode(200)
                .body("effectiveByPurpose.education", equalTo(false));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + f.id + "/consents").then()
                .statusCode(200).body("consents.purpose", equalTo(List.of("education")))
                .body("effectiveByPurpose.education", equalTo(false));
        assertThat(TestKafka.readAll(Topics.INSIGHTS, r -> r.key().equals(f.id)
                && "io.journeyline.journey.consent-changed".equals(TestKafka.header(r, "ce_type")), 1,
                Duration.ofSeconds(20))).hasSize(1);
        JourneyApi.timeline(f.id, "").statusCode(200)
                .body("items.type", equalTo(List.of("io.journeyline.journey.consent-changed")));
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + f.id + "/journey").then()
                .statusCode(200).body("stage", org.hamcrest.Matchers.nullValue())
                .body("openPainPoints", equalTo(List.of()));

        f.touchpoint(0, "app", "setup.wifi", "error", Map.of());
        f.touchpoint(1, "app", "setup.wifi", "error", Map.of());
        f.touchpoint(2, "app", "setup.wifi", "error", Map.of());
        JsonPath painPoints = f.awaitPainPoint("PP-REPEATED-ERRORS");
        assertThat(painPoints.getString("items[0].interventions[0].status")).isEqualTo("SUPPRESSED");
        assertThat(painPoints.getString("items[0].interventions[0].suppressedBy")).isEqualTo("consent");
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/customers/" + f.id + "/journey").then()
                .statusCode(200).body("stage", org.hamcrest.Matchers.notNullValue());
    }

    private static String value(String identifier) {
        return identifier.substring(identifier.indexOf(':') + 1);
    }

    private static io.restassured.response.Response lookup(String identifier) {
        return given().header("Authorization", JourneyApi.AGENT).queryParam("identifier", identifier)
                .get("/api/v1/customers");
    }
}
