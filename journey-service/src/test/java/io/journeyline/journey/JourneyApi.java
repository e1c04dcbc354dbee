package io.journeyline.journey;

import io.journeyline.platform.security.Roles;
import io.journeyline.testing.TestTokens;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** What a support agent does with journey-service's API in these tests. */
final class JourneyApi {
    static final String AGENT = TestTokens.bearer(Roles.AGENT);
    static final String INGEST = TestTokens.bearer(Roles.INGEST);
    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    private JourneyApi() {
    }

    /** A customer id no other test uses. */
    static String newCustomer() {
        return "cust-" + java.util.UUID.randomUUID();
    }

    static ValidatableResponse timeline(String customerId, String query) {
        return given().header("Authorization", AGENT)
                .get("/api/v1/customers/" + customerId + "/timeline" + (query.isEmpty() ? "" : "?" + query))
                .then();
    }

    /**
     * Ids of the events the customer's timeline holds from other systems, newest first ([] while the customer is
     * unknown): journey-service's own entries (stage changes, pain points, interventions) left out.
     */
    static List<String> timelineIds(String customerId) {
        var response = given().header("Authorization", AGENT)
                .get("/api/v1/customers/" + customerId + "/timeline?limit=200");
        return response.statusCode() == 404 ? List.of() : response.jsonPath()
                .getList("items.findAll { it.source != '/journeyline/journey-service' }.eventId", String.class);
    }

    /** Waits until the timeline holds {@code eventId}; returns the timeline's ids then. */
    static List<String> awaitInTimeline(String customerId, String eventId) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> timelineIds(customerId), ids -> ids.contains(eventId));
    }
}
