package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventLimits;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.journeyline.journey.JourneyApi.INGEST;
import static io.journeyline.journey.JourneyApi.awaitInTimeline;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class EventIngestTest {
    private static final String STRUCTURED = "application/cloudevents+json";
    private static final String BATCH = "application/cloudevents-batch+json";
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-20T09:00:00+08:00");

    @Test
    void singleEventIsAcceptedAndAppearsInTheTimeline() {
        String customer = JourneyApi.newCustomer();
        ObjectNode event = TestEvents.touchpoint(customer, "web", "checkout.payment", "purchase", T0);
        ((ObjectNode) event.get("data")).put("outcome", "success").put("loyaltyTier", "gold");
        event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(event.toString())
                .post("/api/v1/events")
                .then().statusCode(202).body("accepted", contains(event.get("id").asText()));

        awaitInTimeline(customer, event.get("id").asText());
        JourneyApi.timeline(customer, "type=io.journeyline.touchpoint.recorded").statusCode(200)
                .body("items[0].type", equalTo("io.journeyline.touchpoint.recorded"))
                .body("items[0].source", equalTo("/shop/web"))
                .body("items[0].channel", equalTo("web"))
                .body("items[0].summary", equalTo("purchase at checkout.payment via web (success)"))
                .body("items[0].time", equalTo("2026-11-20T01:00:00Z"))
                .body("items[0].data.loyaltyTier", equalTo("gold"));
    }

    @Test
    void batchIsAcceptedWhole() {
        String customer = JourneyApi.newCustomer();
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 3; i++) {
            batch.add(TestEvents.touchpoint(customer, "app", "home", "visit", T0.plusMinutes(i)));
        }

        given().header("Authorization", INGEST).contentType(BATCH).body(batch.toString())
                .post("/api/v1/events")
                .then().statusCode(202).body("count", equalTo(3));

        var ids = awaitInTimeline(customer, batch.get(2).get("id").asText());
        assertThat(ids).containsExactly(batch.get(2).get("id").asText(), batch.get(1).get("id").asText(),
                batch.get(0).get("id").asText());
    }

    @Test
    void invalidBatchNamesEveryBadEventAndFieldAndPublishesNothing() {
        String customer = JourneyApi.newCustomer();
        ObjectNode good = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        ObjectNode noCustomer = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        ((ObjectNode) noCustomer.get("data")).remove("customerId");
        noCustomer.remove("subject");
        ObjectNode badChannel = TestEvents.touchpoint(customer, "pigeon", "home", "visit", T0);
        ((ObjectNode) badChannel.get("data")).put("durationMs", "slow");
        ArrayNode batch = JsonNodeFactory.instance.arrayNode().add(good).add(noCustomer).add(badChannel);

        given().header("Authorization", INGEST).contentType(BATCH).body(batch.toString())
                .post("/api/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://journeyline.io/problems/invalid-event"))
                .body("detail", equalTo("2 of 3 events are invalid; none was accepted"))
                .body("errors.index", contains(1, 2, 2))
                .body("errors.id", contains(noCustomer.get("id").asText(), badChannel.get("id").asText(),
                        badChannel.get("id").asText()))
                .body("errors.field", contains("data.customerId", "data.channel", "data.durationMs"));

        // Events of one customer stay in order: once a later event is in the timeline, the good event of the
        // rejected batch would be there too had it been published.
        ObjectNode later = TestEvents.touchpoint(customer, "web", "home", "visit", T0.plusHours(1));
        given().header("Authorization", INGEST).contentType(STRUCTURED).body(later.toString()).post("/api/v1/events")
                .then().statusCode(202);
        assertThat(awaitInTimeline(customer, later.get("id").asText())).containsExactly(later.get("id").asText());
    }

    @Test
    void aTimeNoJavaDateCanHoldIsRejectedNotAServerError() {
        ObjectNode leapSecond = TestEvents.touchpoint(JourneyApi.newCustomer(), "web", "home", "visit", T0);
        leapSecond.put("time", "2016-12-31T23:59:60Z");

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(leapSecond.toString())
                .post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("time"));
    }

    @Test
    void textPostgreSQLWouldRefuseOrAlterIsA400NamingTheField() {
        String customer = JourneyApi.newCustomer();
        String nulInTouchpoint = TestEvents.touchpoint(customer, "web", "checkout-payment", "visit", T0).toString()
                .replace("checkout-payment", "checkout\\u0000payment");
        String nulInCustomer = TestEvents.touchpoint(customer, "web", "home", "visit", T0).toString()
                .replace(customer, "c\\u0000x");
        String loneSurrogate = TestEvents.touchpoint(customer, "web", "cafe", "visit", T0).toString()
                .replace("\"cafe\"", "\"caf\\ud800\"");

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(nulInTouchpoint).post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("data.touchpoint"))
                .body("errors[0].message", containsString("U+0000"));
        given().header("Authorization", INGEST).contentType(STRUCTURED).body(nulInCustomer).post("/api/v1/events")
                .then().statusCode(400).body("errors.field", hasItem("data.customerId"));
        given().header("Authorization", INGEST).contentType(STRUCTURED).body(loneSurrogate).post("/api/v1/events")
                .then().statusCode(400)
                .body("errors.field", contains("data.touchpoint"))
                .body("errors[0].message", containsString("lone surrogate"));

        // Nothing of the three was published: a later event of the customer is the only one in the timeline.
        ObjectNode later = TestEvents.touchpoint(customer, "web", "home", "visit", T0.plusHours(1));
        given().header("Authorization", INGEST).contentType(STRUCTURED).body(later.toString()).post("/api/v1/events")
                .then().statusCode(202);
        assertThat(awaitInTimeline(customer, later.get("id").asText())).containsExactly(later.get("id").asText());
    }

    @Test
    void aNumberThatWouldComeBackAlteredIsA400NamingTheField() {
        ObjectNode event = TestEvents.touchpoint(JourneyApi.newCustomer(), "web", "home", "visit", T0);
        String body = event.toString().replace("\"action\":\"visit\"", "\"action\":\"visit\",\"attributes\":{\"ratio\":1e400}");

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(body).post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("data.attributes.ratio"))
                .body("errors[0].message", containsString("64-bit float"));
    }

    @Test
    void nestingBeyondTheContractsBoundIsA400NamingTheField() {
        ObjectNode event = TestEvents.touchpoint(JourneyApi.newCustomer(), "web", "home", "visit", T0);
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        String body = event.toString().replace("\"action\":\"visit\"", "\"action\":\"visit\",\"attributes\":" + deep);

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(body).post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://journeyline.io/problems/invalid-event"))
                .body("errors[0].field", startsWith("data.attributes.a.a"))
                .body("errors[0].message", equalTo(EventLimits.TOO_DEEP));
    }

    @Test
    void malformedJsonIsAProblemNotAnError() {
        given().header("Authorization", INGEST).contentType(STRUCTURED).body("{\"specversion\": \"1.0\", ")
                .post("/api/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://journeyline.io/problems/malformed-json"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void eventsOfOtherServicesAndUnknownTypesAreRejected() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", "c-1");
        ObjectNode survey = TestEvents.envelope("io.journeyline.survey.responded", "/x", "c-1", T0, data);
        ObjectNode unknown = TestEvents.envelope("com.example.thing", "/x", "c-1", T0, data);

        given().header("Authorization", INGEST).contentType(BATCH)
                .body(JsonNodeFactory.instance.arrayNode().add(survey).add(unknown).toString())
                .post("/api/v1/events")
                .then().statusCode(400)
                .body("errors.findAll { it.field == 'type' }.index", contains(0, 1))
                .body("errors.message", hasItem(containsString("HTTP ingest accepts only events of journey.touchpoints")))
                .body("errors.message", hasItem("unknown event type 'com.example.thing'"));
    }

    @Test
    void oversizeBodyIs413Problem() {
        ObjectNode event = TestEvents.touchpoint(JourneyApi.newCustomer(), "web", "home", "visit", T0);
        ((ObjectNode) event.get("data")).put("attributesBlob", "x".repeat(5 * 1024 * 1024));

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(event.toString())
                .post("/api/v1/events")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("the limit is 1048576"));
    }

    @Test
    void anEventThatGrowsPastKafkasLimitOnceWrittenOutIs413AndNothingOfItsRequestIsAccepted() {
        String customer = JourneyApi.newCustomer();
        // 255,000 × 1e6 is a body under 1 MB, but each 1e6 is written out again as 1000000.0: a 2.5 MB record.
        ObjectNode template = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        ((ObjectNode) template.get("data")).putObject("attributes").put("n", "PLACEHOLDER");
        String big = template.toString().replace("\"PLACEHOLDER\"", "[" + "1e6,".repeat(254_999) + "1e6]");
        assertThat(big.length()).isLessThan(1_048_576);
        String bigId = template.get("id").asText();

        given().header("Authorization", INGEST).contentType(STRUCTURED).body(big).post("/api/v1/events")
                .then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].id", equalTo(bigId))
                .body("errors[0].field", equalTo("(event)"))
                .body("errors[0].message", containsString("bytes as a Kafka record"))
                .body("errors[0].message", containsString("the limit is 1048576"));

        ObjectNode good = TestEvents.touchpoint(customer, "web", "home", "visit", T0);
        given().header("Authorization", INGEST).contentType(BATCH).body("[" + good + "," + big + "]")
                .post("/api/v1/events")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("1 of 2 events are too large for Kafka; none was accepted"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].id", equalTo(bigId));

        ObjectNode later = TestEvents.touchpoint(customer, "web", "home", "visit", T0.plusMinutes(1));
        given().header("Authorization", INGEST).contentType(STRUCTURED).body(later.toString()).post("/api/v1/events")
                .then().statusCode(202);
        assertThat(awaitInTimeline(customer, later.get("id").asText())).containsExactly(later.get("id").asText());
    }

    @Test
    void aClientBoundToItsSourcesAndTypesCannotSendAnothersOrJourneylinesOwn() {
        String customer = JourneyApi.newCustomer();
        String shop = TestTokens.bearerWithClaims(Map.of("journeyline_sources", List.of("/shop/*"),
                "journeyline_types", List.of("io.journeyline.touchpoint.recorded")), Roles.INGEST);
        ObjectNode own = TestEvents.touchpoint(customer, "web", "home", "visit", T0);   // source /shop/web
        ObjectNode crmsEvent = TestEvents.envelope("io.journeyline.touchpoint.recorded", "/crm", customer, T0,
                (ObjectNode) own.get("data").deepCopy());
        ObjectNode consent = TestEvents.envelope("io.journeyline.consent.changed", "/shop/web", customer, T0,
                JsonNodeFactory.instance.objectNode().put("customerId", customer).put("purpose", "marketing")
                        .put("channel", "any").put("granted", true));

        given().header("Authorization", shop).contentType(BATCH).body("[" + own + "," + crmsEvent + "," + consent + "]")
                .post("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("2 of 3 events are not this client's to send; none was accepted"))
                .body("errors.index", contains(1, 2))
                .body("errors.field", contains("source", "type"))
                .body("errors[0].message", equalTo("this client may send sources [/shop/*], not '/crm'"));

        // Journeyline's own sources are no client's, bound or not.
        ObjectNode forged = TestEvents.envelope("io.journeyline.touchpoint.recorded", "/journeyline/journey-service",
                customer, T0, (ObjectNode) own.get("data").deepCopy());
        given().header("Authorization", INGEST).contentType(STRUCTURED).body(forged.toString()).post("/api/v1/events")
                .then().statusCode(403).body("errors[0].field", equalTo("source"));

        given().header("Authorization", shop).contentType(STRUCTURED).body(own.toString()).post("/api/v1/events")
                .then().statusCode(202);
        assertThat(awaitInTimeline(customer, own.get("id").asText())).containsExactly(own.get("id").asText());
    }

    @Test
    void ingestNeedsAValidTokenWithTheIngestRole() {
        String body = TestEvents.touchpoint(JourneyApi.newCustomer(), "web", "home", "visit", T0).toString();

        given().contentType(STRUCTURED).body(body).post("/api/v1/events")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-jwt").contentType(STRUCTURED).body(body).post("/api/v1/events")
                .then().statusCode(401);
        given().header("Authorization", TestTokens.bearer(Roles.AGENT)).contentType(STRUCTURED).body(body)
                .post("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json");
    }
}
