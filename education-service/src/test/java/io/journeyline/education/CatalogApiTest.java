package io.journeyline.education;

import io.journeyline.contract.EventJson;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CatalogApiTest {
    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String AGENT = TestTokens.bearer(Roles.AGENT);

    @Inject
    TestClock clock;

    @Test
    void contentIsFoundByTopicLevelStageAndLanguageAndAnEditBumpsItsVersion() {
        String topic = "wifi-" + UUID.randomUUID();
        String basic = add(content(topic, "BASIC", "ONBOARDING", "en"));
        String fixing = add(content(topic, "PROBLEM_SOLVING", "USAGE", "zh"));

        assertThat(search("topic=" + topic)).containsExactlyInAnyOrder(basic, fixing);
        assertThat(search("topic=" + topic + "&level=BASIC")).containsExactly(basic);
        assertThat(search("topic=" + topic + "&stage=USAGE&language=zh")).containsExactly(fixing);
        assertThat(search("topic=" + topic + "&language=fr")).isEmpty();

        Map<String, Object> edited = content(topic, "BASIC", "ONBOARDING", "en");
        edited.put("durationMinutes", 7);
        given().header("Authorization", ADMIN).contentType("application/json").body(edited)
                .put("/api/v1/contents/" + basic).then().statusCode(200).body("version", equalTo(2))
                .body("durationMinutes", equalTo(7));
        given().header("Authorization", ADMIN).contentType("application/json").body(edited)
                .put("/api/v1/contents/" + basic).then().statusCode(200).body("version", equalTo(2));
        given().header("Authorization", AGENT).get("/api/v1/contents/" + basic).then().statusCode(200)
                .body("version", equalTo(2));
    }

    @Test
    void staleContentIsListedWithItsReasonsUntilReviewed() {
        String topic = "refunds-" + UUID.randomUUID();
        Map<String, Object> due = content(topic, "ADVANCED", "SERVICE", "en");
        due.put("reviewBy", LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(10).toString());
        String id = add(due);
        assertThat(staleIds()).doesNotContain(id);

        clock.advance(Duration.ofDays(31));
        var review = given().header("Authorization", ADMIN).get("/api/v1/contents/review").then().statusCode(200)
                .extract().jsonPath();
        int at = review.getList("items.content.id").indexOf(id);
        assertThat(review.getList("items[" + at + "].reasons", String.class)).hasSize(2)
                .anySatisfy(reason -> assertThat(reason).startsWith("its review was due on"))
                .anySatisfy(reason -> assertThat(reason).endsWith("more than 30 days ago"));

        given().header("Authorization", ADMIN).post("/api/v1/contents/" + id + "/reviewed").then().statusCode(200);
        var after = given().header("Authorization", ADMIN).get("/api/v1/contents/review").then().statusCode(200)
                .extract().jsonPath();
        int still = after.getList("items.content.id").indexOf(id);
        assertThat(after.getList("items[" + still + "].reasons", String.class))
                .as("reviewed now, but its review date still lies behind it").containsExactly(
                        "its review was due on " + due.get("reviewBy"));
    }

    @Test
    void aContentGapFromJourneyServiceListsTheTopicsContentForReviewWithTheGapsEvidence() {
        String topic = "refund-policy-" + UUID.randomUUID();
        String id = add(content(topic, "BASIC", "SERVICE", "en"));
        var data = EventJson.mapper().createObjectNode().put("topic", topic)
                .put("category", "MISUNDERSTANDING").put("count", 5)
                .put("windowStart", "2026-11-01T09:00:00Z").put("windowEnd", "2026-11-06T17:00:00Z");
        data.putArray("customerIds").add("c-1").add("c-2").add("c-3").add("c-4").add("c-5");
        data.putArray("evidence").add("e-1").add("e-2").add("e-3").add("e-4").add("e-5");
        var envelope = EventJson.mapper().createObjectNode().put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString()).put("source", "/journeyline/journey-service")
                .put("type", "io.journeyline.journey.content-gap-detected")
                .put("time", clock.instant().plusSeconds(1).toString()).put("datacontenttype", "application/json");
        envelope.set("data", data);
        TestKafka.produce(Topics.INSIGHTS, "topic:" + topic,
                envelope.toString(), Map.of("content-type", "application/cloudevents+json"));

        var review = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                .header("Authorization", ADMIN).get("/api/v1/contents/review").then().statusCode(200).extract().jsonPath(),
                page -> page.getList("items.content.id").contains(id));
        int at = review.getList("items.content.id").indexOf(id);
        assertThat(review.getList("items[" + at + "].reasons", String.class))
                .containsExactly("a content gap on " + topic + ": 5 customers misunderstood it (found "
                        + clock.instant().atOffset(ZoneOffset.UTC).toLocalDate() + ")");
        assertThat(review.getList("items[" + at + "].gaps[0].evidence", String.class)).containsExactly(
                "e-1", "e-2", "e-3", "e-4", "e-5");

        clock.advance(Duration.ofMinutes(1));
        given().header("Authorization", ADMIN).post("/api/v1/contents/" + id + "/reviewed").then().statusCode(200);
        assertThat(staleIds()).as("reviewed after the gap").doesNotContain(id);
    }

    @Test
    void badContentIsRefusedNamingEveryFieldAndOnlyAdminsEdit() {
        Map<String, Object> bad = new HashMap<>(Map.of("kind", "podcast", "level", "EXPERT", "title", Map.of("en", ""),
                "topics", List.of(), "languages", List.of("English"), "channels", List.of("pigeon"),
                "durationMinutes", 0, "owner", "docs"));
        given().header("Authorization", ADMIN).contentType("application/json").body(bad).post("/api/v1/contents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("kind")).body("errors.field", hasItem("level"))
                .body("errors.field", hasItem("topics")).body("errors.field", hasItem("durationMinutes"))
                .body("errors.field", not(hasItem("owner")));
        given().header("Authorization", AGENT).contentType("application/json")
                .body(content("x", "BASIC", "USAGE", "en")).post("/api/v1/contents").then().statusCode(403);
        given().header("Authorization", ADMIN).get("/api/v1/contents/nope").then().statusCode(404);
        String id = add(content("dup-" + UUID.randomUUID(), "BASIC", "USAGE", "en"));
        Map<String, Object> again = content("dup", "BASIC", "USAGE", "en");
        again.put("id", id);
        given().header("Authorization", ADMIN).contentType("application/json").body(again).post("/api/v1/contents")
                .then().statusCode(409);
    }

    private static Map<String, Object> content(String topic, String level, String stage, String language) {
        return new HashMap<>(Map.of("kind", "micro-lesson", "level", level, "title", Map.of(language, "Lesson on " + topic),
                "topics", List.of(topic), "stages", List.of(stage), "languages", List.of(language),
                "channels", List.of("app", "email"), "durationMinutes", 5, "owner", "docs-team"));
    }

    private static String add(Map<String, Object> content) {
        return given().header("Authorization", ADMIN).contentType("application/json").body(content)
                .post("/api/v1/contents").then().statusCode(201).body("version", equalTo(1)).extract().path("id");
    }

    private static List<String> search(String query) {
        return given().header("Authorization", AGENT).get("/api/v1/contents?" + query).then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }

    private static List<String> staleIds() {
        return given().header("Authorization", ADMIN).get("/api/v1/contents/review").then().statusCode(200)
                .extract().jsonPath().getList("items.content.id", String.class);
    }
}
