package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.journeyline.journey.JourneyApi.INGEST;
import static io.journeyline.journey.JourneyApi.awaitInTimeline;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class TimelineApiTest {
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-01T08:00:00Z");

    @Test
    void pagesThroughTheWholeTimelineNewestFirstWithoutGapsOrRepeats() {
        String customer = JourneyApi.newCustomer();
        List<String> sent = sendHourly(customer, 7, "web");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = JourneyApi.timeline(customer, "limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.eventId", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void filtersByTypeSourceChannelAndTimeWindow() {
        String customer = JourneyApi.newCustomer();
        List<String> web = sendHourly(customer, 3, "web");
        List<String> app = sendHourly(customer, 2, "app");

        JourneyApi.timeline(customer, "channel=app").body("items.eventId", contains(app.get(1), app.get(0)));
        JourneyApi.timeline(customer, "from=2026-11-01T09:00:00Z&to=2026-11-01T10:00:00Z&channel=web")
                .body("items.eventId", contains(web.get(1)));
        JourneyApi.timeline(customer, "from=2026-11-01T17:00:00+08:00&to=2026-11-01T18:00:00+08:00&channel=web")
                .body("items.eventId", contains(web.get(1)));
        JourneyApi.timeline(customer, "source=/shop/web&type=io.journeyline.touchpoint.recorded")
                .body("items.size()", equalTo(5));
        JourneyApi.timeline(customer, "type=io.journeyline.case.opened").body("items.size()", equalTo(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void badParametersAreProblems() {
        String customer = JourneyApi.newCustomer();
        sendHourly(customer, 1, "web");

        JourneyApi.timeline(customer, "limit=500").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        JourneyApi.timeline(customer, "cursor=bogus").statusCode(400).body("errors[0].field", equalTo("cursor"));
        JourneyApi.timeline(customer, "from=yesterday").statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void unknownCustomerIs404() {
        JourneyApi.timeline("nobody-" + UUID.randomUUID(), "").statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void readingTimelinesNeedsAnAgentOrSupervisorToken() {
        String path = "/api/v1/customers/c-1/timeline";
        given().get(path).then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.INGEST)).get(path).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).get(path).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).get(path).then().statusCode(404);
    }

    /** Sends {@code count} touchpoints an hour apart (from T0) in one batch; returns their ids, oldest first. */
    private static List<String> sendHourly(String customer, int count, String channel) {
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode event = TestEvents.touchpoint(customer, channel, "home", "visit", T0.plusHours(i));
            batch.add(event);
            ids.add(event.get("id").asText());
        }
        given().header("Authorization", INGEST).contentType("application/cloudevents-batch+json").body(batch.toString())
                .post("/api/v1/events").then().statusCode(202);
        for (String id : ids) {
            awaitInTimeline(customer, id);
        }
        return ids;
    }
}
