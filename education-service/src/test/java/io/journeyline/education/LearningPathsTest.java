package io.journeyline.education;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Learning paths against real Kafka and PostgreSQL: units checked against the catalog and each other, versions,
 * prerequisites, micro-lessons one at a time, and the daily push cap (default 2 deliveries in any 24 hours) with the
 * clock moved.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LearningPathsTest {
    private static final String ADMIN = Catalog.ADMIN;
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);
    private static final String INGEST = TestTokens.bearer(Roles.INGEST);

    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void aPathIsCheckedAgainstTheCatalogAndItselfAndAnEditBumpsItsVersion() {
        String topic = "router-" + UUID.randomUUID();
        String intro = Catalog.content("p-intro-" + topic, "article", topic);
        String setup = Catalog.content("p-setup-" + topic, "video", topic);
        Map<String, Object> bad = Map.of("title", Map.of("en", "Router"), "topics", List.of(topic), "owner", "docs",
                "units", List.of(unit(setup, intro), unit("no-such-lesson"), unit(intro), unit(intro)));
        given().header("Authorization", ADMIN).contentType("application/json").body(bad).post("/api/v1/paths")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("units[0].prerequisites[0]", "units[1].contentId",
                        "units[3].contentId"));

        String id = Catalog.path("router-path-" + UUID.randomUUID().toString().substring(0, 8), topic,
                Catalog.units(intro, List.of(), setup, List.of(intro)));
        given().header("Authorization", AGENT).get("/api/v1/paths/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("units.contentId", org.hamcrest.Matchers.contains(intro, setup));
        Map<String, Object> edited = Map.of("title", Map.of("en", "Router, step by step"), "topics", List.of(topic),
                "owner", "docs", "units", List.of(unit(intro), unit(setup, intro)));
        given().header("Authorization", ADMIN).contentType("application/json").body(edited).put("/api/v1/paths/" + id)
                .then().statusCode(200).body("version", equalTo(2));
        given().header("Authorization", ADMIN).contentType("application/json").body(edited).put("/api/v1/paths/" + id)
                .then().statusCode(200).body("version", equalTo(2));
        given().header("Authorization", AGENT).get("/api/v1/paths?topic=" + topic).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(id));
        given().header("Authorization", AGENT).contentType("application/json").body(edited).post("/api/v1/paths")
                .then().statusCode(403);
    }

    @Test
    void unitsUnlockByPrerequisitesMicroLessonsOneAtATimeAndTheDailyCapHoldsTheRestBack() throws Throwable {
        String topic = "app-" + UUID.randomUUID();
        String intro = Catalog.content("intro-" + topic, "article", topic);
        String guide = Catalog.content("guide-" + topic, "article", topic);
        String m1 = Catalog.content("m1-" + topic, "micro-lesson", topic);
        String m2 = Catalog.content("m2-" + topic, "micro-lesson", topic);
        String m3 = Catalog.content("m3-" + topic, "micro-lesson", topic);
        String path = Catalog.path("drip-" + UUID.randomUUID().toString().substring(0, 8), topic,
                Catalog.units(intro, List.of(), guide, List.of(), m1, List.of(), m2, List.of(), m3, List.of(intro)));
        String customer = "cust-" + UUID.randomUUID();

        // intro, guide and m1 are free to start; the cap (2 a day) delivers intro and guide, m1 waits for room
        JsonPath assigned = new JsonPath(given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("pathId", path, "reason", "onboarding")).post("/api/v1/customers/" + customer + "/assignments")
                .then().statusCode(201).extract().asString());
        String id = assigned.getString("id");
        assertThat(assigned.getInt("pathVersion")).isEqualTo(1);
        assertThat(units(id)).containsExactly(Map.entry(intro, "UNLOCKED"), Map.entry(guide, "UNLOCKED"),
                Map.entry(m1, "WAITING"), Map.entry(m2, "LOCKED"), Map.entry(m3, "LOCKED"));

        progress(id, Map.of("status", "COMPLETED", "contentId", m1)).statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("daily push cap"));
        progress(id, Map.of("status", "COMPLETED", "contentId", m2)).statusCode(409)
                .body("detail", equalTo("unit '" + m2 + "' is a micro-lesson: it unlocks when the micro-lesson before "
                        + "it is completed"));
        progress(id, Map.of("status", "COMPLETED")).statusCode(400).body("errors[0].field", equalTo("contentId"));
        progress(id, Map.of("status", "COMPLETED", "contentId", "elsewhere")).statusCode(400);
        progress(id, Map.of("status", "COMPLETED", "contentId", intro)).statusCode(200)
                .body("status", equalTo("STARTED")).body("progressPercent", equalTo(20));
        assertThat(units(id)).as("m3's prerequisite is met, but m1 and m2 come first").containsEntry(m3, "LOCKED");

        clock.advance(Duration.ofHours(23));
        fireDue();
        assertThat(units(id)).as("23 hours: both of the day's pushes still count").containsEntry(m1, "WAITING");
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        fireDue();
        assertThat(units(id)).containsEntry(m1, "UNLOCKED");

        progress(id, Map.of("status", "COMPLETED", "contentId", m1)).statusCode(200);
        assertThat(units(id)).as("one push in the last 24 hours: room for m2").containsEntry(m2, "UNLOCKED");
        progress(id, Map.of("status", "COMPLETED", "contentId", m2)).statusCode(200);
        assertThat(units(id)).as("m1 and m2 today: m3 waits").containsEntry(m3, "WAITING");
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        fireDue();
        assertThat(units(id)).containsEntry(m3, "UNLOCKED");

        progress(id, Map.of("status", "COMPLETED", "contentId", guide)).statusCode(200).body("status", equalTo("STARTED"));
        progress(id, Map.of("status", "COMPLETED", "contentId", m3, "score", 80)).statusCode(200)
                .body("status", equalTo("COMPLETED")).body("progressPercent", equalTo(100));

        List<ConsumerRecord<String, byte[]>> deliveries = TestKafka.readAll(Topics.OUTBOUND, r -> customer.equals(r.key()),
                5, Duration.ofSeconds(15));
        assertThat(deliveries).extracting(r -> EventJson.mapper().readTree(r.value()).path("deliveryId").asText())
                .containsExactly(id + ":" + intro, id + ":" + guide, id + ":" + m1, id + ":" + m2, id + ":" + m3);
        List<ConsumerRecord<String, byte[]>> events = TestKafka.readAll(Topics.EDUCATION, r -> customer.equals(r.key()),
                3, Duration.ofSeconds(15));
        assertThat(events).extracting(r -> TestKafka.header(r, "ce_type")).containsExactly(
                "io.journeyline.education.assigned", "io.journeyline.education.started", "io.journeyline.education.completed");
        assertThat(new String(events.get(2).value(), StandardCharsets.UTF_8)).contains("\"pathId\":\"" + path + "\"");
    }

    @Test
    void customersAlreadyOnAPathKeepTheirUnitsWhenItIsEdited() {
        String topic = "kept-" + UUID.randomUUID();
        String a = Catalog.content("a-" + topic, "article", topic);
        String b = Catalog.content("b-" + topic, "article", topic);
        String path = Catalog.path("kept-" + UUID.randomUUID().toString().substring(0, 8), topic, Catalog.units(a, List.of()));
        String customer = "cust-" + UUID.randomUUID();
        String id = given().header("Authorization", AGENT).contentType("application/json")
                .body(Map.of("pathId", path, "reason", "agent")).post("/api/v1/customers/" + customer + "/assignments")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Map.of("title", Map.of("en", "More"), "topics", List.of(topic), "owner", "docs",
                        "units", List.of(unit(a), unit(b, a)))).put("/api/v1/paths/" + path).then().statusCode(200)
                .body("version", equalTo(2));
        assertThat(units(id)).containsOnlyKeys(a);
        progress(id, Map.of("status", "COMPLETED", "contentId", a)).statusCode(200).body("status", equalTo("COMPLETED"));
    }

    private static Map<String, Object> unit(String content, String... prerequisites) {
        return Map.of("contentId", content, "prerequisites", List.of(prerequisites));
    }

    /** The assignment's units in path order: content id → status. */
    private static Map<String, String> units(String assignment) {
        JsonPath view = given().header("Authorization", AGENT).get("/api/v1/assignments/" + assignment).then()
                .statusCode(200).extract().jsonPath();
        Map<String, String> units = new LinkedHashMap<>();
        List<String> ids = view.getList("units.contentId");
        List<String> statuses = view.getList("units.status");
        for (int i = 0; i < ids.size(); i++) {
            units.put(ids.get(i), statuses.get(i));
        }
        return units;
    }

    private static io.restassured.response.ValidatableResponse progress(String id, Map<String, Object> body) {
        return given().header("Authorization", INGEST).contentType("application/json").body(body)
                .post("/api/v1/assignments/" + id + "/progress").then();
    }

    private void fireDue() throws Throwable {
        VertxContextSupport.subscribeAndAwait(poller::fireAllDue);
    }
}
