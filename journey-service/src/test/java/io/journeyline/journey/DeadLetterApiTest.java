package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.platform.security.Roles;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestDeadLetters;
import io.journeyline.testing.TestKafka;
import io.journeyline.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.journeyline.journey.JourneyApi.awaitInTimeline;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Dead letters an operator can act on: listed with filters and pages, read into the access log, replayed after the
 * fix through the channel's own intake — processed once, a duplicate when already processed, dead-lettered again when
 * still invalid, never replayed twice, a truncated copy not at all. The "bug" is a PostgreSQL trigger that refuses one
 * customer's timeline rows: the failure reaches the consumer through Hibernate as a real one would.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DeadLetterApiTest {
    private static final String OPERATOR = TestTokens.bearerFor("ops-dana", Roles.ADMIN);
    private static final String PRIVACY = TestTokens.bearer(Roles.PRIVACY);
    private static final String DLQ = Topics.deadLetterTopicOf(Topics.TOUCHPOINTS);

    @Test
    void deadLettersAreListedAndReplayedOnceAfterTheFix() {
        String start = OffsetDateTime.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
        String buggy = JourneyApi.newCustomer();
        String invalid = JourneyApi.newCustomer();
        String good = JourneyApi.newCustomer();
        String large = JourneyApi.newCustomer();
        ObjectNode failing = touchpoint(buggy, "chat");
        ObjectNode failingTwice = touchpoint(buggy, "store");
        ObjectNode violation = touchpoint(invalid, "pigeon");
        ObjectNode fine = touchpoint(good, "phone");

        DatabaseScan.ofThisTest().execute("create function dlq_test_bug() returns trigger language plpgsql as $$ begin"
                + " raise exception 'timeline refuses %', new.customer_id; end $$");
        DatabaseScan.ofThisTest().execute("create trigger dlq_test_bug before insert on timeline_entries for each row"
                + " when (new.customer_id = '" + buggy + "') execute function dlq_test_bug()");
        try {
            produce(failing);
            produce(failingTwice);
            produce(violation);
            // not JSON, and as large as Kafka takes: its dead letter is a truncated copy
            TestKafka.produce(Topics.TOUCHPOINTS, large, ("{" + "x".repeat(1_048_576 - 161)).getBytes(StandardCharsets.UTF_8),
                    Map.of("origin", "near-the-limit"));
            produce(fine);
            awaitInTimeline(good, fine.get("id").asText());

            await().atMost(Duration.ofSeconds(30)).until(() -> list("reason=processing-failed&from=" + start)
                    .getList("items.payload.id", String.class).contains(failingTwice.get("id").asText()));
        } finally {
            DatabaseScan.ofThisTest().execute("drop trigger dlq_test_bug on timeline_entries");
            DatabaseScan.ofThisTest().execute("drop function dlq_test_bug()");
        }

        // Listed with what an operator needs, filtered by reason, type, topic and time
        JsonPath failed = list("reason=processing-failed&type=io.journeyline.touchpoint.recorded&topic=journey.touchpoints&from=" + start);
        assertThat(failed.getList("items.payload.data.customerId", String.class)).containsExactly(buggy, buggy);
        Map<String, Object> first = failed.getMap("items.find { it.payload.id == '" + failing.get("id").asText() + "' }");
        String failingId = (String) first.get("id");
        assertThat(failingId).startsWith(DLQ + ":");
        assertThat(first).containsEntry("topic", Topics.TOUCHPOINTS).containsEntry("consumer", "journey-service")
                .containsEntry("channel", "journey-events").containsEntry("key", buggy)
                .containsEntry("type", "io.journeyline.touchpoint.recorded").containsEntry("payloadEncoding", "json")
                .doesNotContainKey("replay").doesNotContainKey("truncated");
        assertThat((String) first.get("detail")).contains("timeline refuses " + buggy);
        assertThat(((Map<?, ?>) first.get("headers")).get("dlq-reason")).isEqualTo("processing-failed");
        String failingTwiceId = failed.getString("items.find { it.payload.id == '" + failingTwice.get("id").asText() + "' }.id");

        // other test classes share the broker: their dead letters of the same reason may fall in the window too
        JsonPath violations = list("reason=schema-violation&from=" + start).setRootPath("items.findAll { it.key == '"
                + invalid + "' }");
        assertThat(violations.getList("id", String.class)).hasSize(1);
        String violationId = violations.getString("id[0]");
        assertThat(violations.getString("detail[0]")).contains("data.channel");

        JsonPath cut = list("reason=malformed-json&from=" + start).setRootPath("items.findAll { it.key == '" + large
                + "' }");
        assertThat(cut.getList("id", String.class)).hasSize(1);
        assertThat(cut.getBoolean("truncated[0]")).isTrue();
        assertThat(cut.getString("truncation[0]")).contains("keeps the first");
        assertThat(cut.getString("payloadEncoding[0]")).isEqualTo("text");
        String truncatedId = cut.getString("id[0]");

        assertThat(list("reason=schema-violation&to=" + start).getList("items.key", String.class)).doesNotContain(invalid);
        assertThat(list("reason=processing-failed&type=io.journeyline.survey.responded&from=" + start)
                .getList("items")).isEmpty();

        // Paged one at a time: every dead letter of the window once, none twice
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = list("limit=1&from=" + start + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(1);
            paged.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(paged).doesNotHaveDuplicates().contains(failingId, failingTwiceId, violationId, truncatedId)
                .containsExactlyInAnyOrderElementsOf(list("limit=200&from=" + start).getList("items.id", String.class));

        // Reading a dead letter's payload is reading its customer's data
        given().header("Authorization", PRIVACY).get("/api/v1/audit?customerId=" + buggy).then().statusCode(200)
                .body("items.find { it.resource == '/api/v1/dead-letters' }.actor", equalTo("ops-dana"));

        // The event that failed while the bug was there comes again through the normal pipeline: a duplicate
        produce(failingTwice);
        awaitInTimeline(buggy, failingTwice.get("id").asText());

        JsonPath job = replay(Map.of("ids", List.of(failingId, failingTwiceId)));
        assertThat(job.getString("status")).isEqualTo("DONE");
        assertThat(job.getInt("total")).isEqualTo(2);
        assertThat(job.getList("request.ids", String.class)).containsExactly(failingId, failingTwiceId);
        assertThat(job.getList("outcomes.outcome", String.class)).containsExactly("processed", "duplicate");
        assertThat(job.getInt("counts.processed")).isEqualTo(1);
        assertThat(job.getInt("counts.duplicate")).isEqualTo(1);
        assertThat(JourneyApi.timelineIds(buggy)).containsExactlyInAnyOrder(failing.get("id").asText(),
                failingTwice.get("id").asText());
        assertThat(list("reason=processing-failed&from=" + start).getString(
                "items.find { it.id == '" + failingId + "' }.replay.outcome")).isEqualTo("processed");

        // Never twice: replayed again, both are skipped and nothing changes
        JsonPath again = replay(Map.of("ids", List.of(failingId, failingTwiceId)));
        assertThat(again.getList("outcomes.outcome", String.class)).containsExactly("skipped", "skipped");
        assertThat(again.getString("outcomes[0].detail")).contains("already replayed by job " + job.getString("id"));
        assertThat(JourneyApi.timelineIds(buggy)).hasSize(2);

        // Still invalid: dead-lettered again with its reason, naming the dead letter it replays; not lost
        JsonPath stillInvalid = replay(Map.of("reason", "schema-violation", "from", start));
        assertThat(stillInvalid.getList("outcomes.id", String.class)).containsExactly(violationId);
        assertThat(stillInvalid.getString("outcomes[0].outcome")).isEqualTo("dead-lettered");
        assertThat(stillInvalid.getString("outcomes[0].reason")).isEqualTo("schema-violation");
        await().atMost(Duration.ofSeconds(15)).until(() -> list("reason=schema-violation&from=" + start)
                .getList("items.headers.dlq-replay-of", String.class).contains(violationId));
        assertThat(list("reason=schema-violation&from=" + start).getString(
                "items.find { it.id == '" + violationId + "' }.replay.outcome")).isEqualTo("dead-lettered");

        // A truncated copy is not the record: skipped
        JsonPath truncated = replay(Map.of("ids", List.of(truncatedId)));
        assertThat(truncated.getString("outcomes[0].outcome")).isEqualTo("skipped");
        assertThat(truncated.getString("outcomes[0].detail")).contains("truncated");
    }

    @Test
    void onlyAdminsSeeOrReplayDeadLetters() {
        given().get("/api/v1/dead-letters").then().statusCode(401);
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/dead-letters").then().statusCode(403);
        given().header("Authorization", JourneyApi.SUPERVISOR).contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .post("/api/v1/dead-letters/replay").then().statusCode(403);
        given().header("Authorization", JourneyApi.AGENT).get("/api/v1/dead-letters/replays/" + UUID.randomUUID())
                .then().statusCode(403);
        given().header("Authorization", OPERATOR).get("/api/v1/dead-letters/replays/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void badFiltersAreAProblemNamingEveryBadField() {
        given().header("Authorization", OPERATOR)
                .get("/api/v1/dead-letters?reason=not a reason&topic=journey.outbound&from=yesterday&to=later&limit=0&cursor=nope")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("reason", "topic", "from", "to", "limit", "cursor"));
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("ids", List.of("journey.outbound.dlq:0:1", "nonsense"), "reason", "processing-failed"))
                .post("/api/v1/dead-letters/replay")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("ids", "ids[0]", "ids[1]"));
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/dead-letters/replay")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("ids"));
    }

    private static ObjectNode touchpoint(String customer, String channel) {
        return TestEvents.touchpoint(customer, channel, "returns", "contact", OffsetDateTime.now().minusMinutes(5));
    }

    private static void produce(ObjectNode event) {
        TestKafka.produce(Topics.TOUCHPOINTS, event.get("subject").asText(), event.toString(), Map.of());
    }

    private static JsonPath list(String query) {
        return TestDeadLetters.list(OPERATOR, query);
    }

    private static JsonPath replay(Map<String, Object> request) {
        return TestDeadLetters.replay(OPERATOR, request);
    }
}
