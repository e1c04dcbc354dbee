package io.journeyline.feedback;

import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.journeyline.feedback.CaseApi.command;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The case lists page with {@code limit} and {@code cursor} ({@code nextCursor}): walked to the end, in either order,
 * filtered or not, the pages hold the cases of one big page, in its order, each once — cases opened at the same moment
 * (and so, of one priority, due at the same moment) included; a cursor no list handed out is a 400 naming it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CaseQueueTest {
    @Inject
    TestClock clock;

    @Test
    void walkedToTheEndThePagesHoldEachCaseOnceInTheOrderOfOneBigPage() {
        String topic = "topic-" + UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            // three opening times: four cases share each of two, three the last
            cases.add(CaseApi.complain("cust-" + UUID.randomUUID(), i % 2 == 0 ? "HIGH" : "NORMAL",
                    Map.of("topic", topic, "receivedAt", at.minusMinutes(10L * (i % 3)).toString())));
        }
        command(cases.get(0), "acknowledge");
        command(cases.get(1), "acknowledge");
        command(cases.get(1), "wait-on-customer");
        command(cases.get(3), "acknowledge");
        command(cases.get(3), "resolve", Map.of("rootCause", "PROCESS"));

        List<Map<String, Object>> newest = page(Map.of("topic", topic), 200, null).getList("items");
        assertThat(newest).hasSize(11);
        assertThat(newest).as("newest first, ties on the opening time by id")
                .isSortedAccordingTo(Comparator.<Map<String, Object>, OffsetDateTime>comparing(
                                item -> OffsetDateTime.parse((String) item.get("openedAt"))).reversed()
                        .thenComparing(item -> (String) item.get("id"), Comparator.reverseOrder()));

        for (Map<String, String> filter : List.of(Map.of("topic", topic), Map.of("topic", topic, "status", "RECEIVED"))) {
            for (String order : List.of("newest", "urgency")) {
                Map<String, String> query = new HashMap<>(filter);
                query.put("order", order);
                JsonPath big = page(query, 200, null);
                assertThat(big.getString("nextCursor")).isNull();
                List<Map<String, Object>> all = big.getList("items");
                assertThat(all).isNotEmpty();
                for (int limit = 1; limit <= 4; limit++) {
                    assertThat(walk(query, limit)).as("%s walked %d at a time", query, limit).isEqualTo(all);
                }
            }
        }
    }

    @Test
    void aCustomersCasesPageWithACursorToo() {
        String customer = "cust-" + UUID.randomUUID();
        OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 5; i++) {
            CaseApi.complain(customer, "NORMAL", Map.of("topic", "topic-" + i, "receivedAt",
                    at.minusMinutes(i < 3 ? 0 : i).toString()));
        }
        String path = "/api/v1/customers/" + customer + "/cases";
        JsonPath big = given().header("Authorization", CaseApi.AGENT).get(path).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> all = big.getList("items");
        assertThat(all).hasSize(5);
        assertThat(big.getString("nextCursor")).isNull();

        List<Map<String, Object>> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", CaseApi.AGENT).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
            walked.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(walked).isEqualTo(all);
    }

    @Test
    void aCursorNoListHandedOutIs400NamingIt() {
        String topic = "topic-" + UUID.randomUUID();
        CaseApi.complain("cust-" + UUID.randomUUID(), "HIGH", Map.of("topic", topic));
        CaseApi.complain("cust-" + UUID.randomUUID(), "HIGH", Map.of("topic", topic));
        String newest = page(Map.of("topic", topic), 1, null).getString("nextCursor");
        String urgency = page(Map.of("topic", topic, "order", "urgency"), 1, null).getString("nextCursor");
        assertThat(newest).isNotNull();
        assertThat(urgency).isNotNull();

        Map<String, Map<String, String>> refused = new LinkedHashMap<>();
        refused.put("garbage", Map.of("cursor", "not a cursor!"));
        refused.put("no tie-breaker", Map.of("cursor", base64("1700000000000000")));
        refused.put("an unknown order", Map.of("cursor", base64("1700000000000000:x:case-1")));
        refused.put("an urgency out of range", Map.of("order", "urgency", "cursor", base64("1700000000000000:u:7::case-1")));
        refused.put("a due time not a number", Map.of("order", "urgency", "cursor", base64("1700000000000000:u:1:soon:case-1")));
        refused.put("newest's cursor by urgency", Map.of("order", "urgency", "cursor", newest));
        refused.put("urgency's cursor newest first", Map.of("cursor", urgency));
        refused.forEach((why, query) -> given().header("Authorization", CaseApi.AGENT).queryParams(query)
                .get("/api/v1/cases").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("invalid cursor")).body("errors[0].field", equalTo("cursor")));
        given().header("Authorization", CaseApi.AGENT).queryParam("cursor", urgency)
                .get("/api/v1/customers/cust-" + UUID.randomUUID() + "/cases").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private static List<Map<String, Object>> walk(Map<String, String> query, int limit) {
        List<Map<String, Object>> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = page(query, limit, cursor);
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items).hasSizeLessThanOrEqualTo(limit);
            walked.addAll(items);
            cursor = page.getString("nextCursor");
            assertThat(cursor == null || items.size() == limit).as("only a full page has a next one").isTrue();
        } while (cursor != null);
        assertThat(new HashSet<>(walked.stream().map(item -> item.get("id")).toList())).hasSize(walked.size());
        return walked;
    }

    private static JsonPath page(Map<String, String> query, int limit, String cursor) {
        var request = given().header("Authorization", CaseApi.AGENT).queryParams(query).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
