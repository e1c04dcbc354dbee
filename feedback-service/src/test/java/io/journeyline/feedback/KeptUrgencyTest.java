package io.journeyline.feedback;

import io.journeyline.platform.timers.TimerPoller;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * The urgency kept on each case row (what the queue's order=urgency walks, V7) is, after every step of a random run of
 * clock operations over many cases — opening, acknowledging, waiting on the customer and resuming, resolving,
 * escalating, a call back that reopens or closes, a more urgent contact that retargets the clocks, and the test clock
 * moved past warnings and breaches with the timers fired — the one computed from the case's clocks as the lists did
 * before V7 ({@code SlaRepository.MOST_URGENT_OPEN_CLOCK}); and the queue, walked page by page in either order, is the
 * old query's order, each case once. The run's seed is printed on a failure; {@code -Dkept-urgency.seed=} repeats it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class KeptUrgencyTest {
    private static final List<String> SEVERITIES = List.of("LOW", "NORMAL", "HIGH", "CRITICAL");
    private static final int CASES = 24;
    private static final int STEPS = 160;

    @Inject
    TestClock clock;
    @Inject
    TimerPoller poller;

    @Test
    void theKeptUrgencyIsTheOneComputedFromTheClocksAfterEveryOperationAndTheQueueKeepsTheOldOrder() throws Throwable {
        long seed = Long.getLong("kept-urgency.seed", System.nanoTime());
        Random random = new Random(seed);
        String topic = "topic-" + UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        List<String> customers = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String customer = "cust-" + UUID.randomUUID();
            customers.add(customer);
            // four opening times for all: ties on the opening time and, within a priority, on the due times
            cases.add(CaseApi.complain(customer, pick(random, SEVERITIES),
                    Map.of("topic", topic, "receivedAt", start.minusMinutes(45L * random.nextInt(4)).toString())));
        }
        assertThat(KeptUrgency.mismatches("topic", topic)).as("seed %d, opened", seed).isEmpty();

        for (int step = 0; step < STEPS; step++) {
            int which = random.nextInt(cases.size());
            String done = operate(random, customers.get(which), cases.get(which), topic, cases, customers);
            assertThat(KeptUrgency.mismatches("topic", topic)).as("seed %d, step %d: %s", seed, step, done).isEmpty();
            if (step % 40 == 39) {
                assertTheQueueKeepsTheOldOrder(topic, random, "seed " + seed + ", step " + step);
            }
        }
    }

    /** One random operation on a case (refused ones, 409, change nothing, which is checked too); what it was. */
    private String operate(Random random, String customer, String caseId, String topic, List<String> cases,
                           List<String> customers) throws Throwable {
        int dice = random.nextInt(10);
        switch (dice) {
            case 0, 1 -> {
                Duration by = Duration.ofMinutes(1 + random.nextInt(8 * 60));
                clock.advance(by);
                CaseApi.fireDue(poller);
                return "clock moved " + by + ", due timers fired";
            }
            case 2 -> {
                // a further contact on the topic: joins the open case (raising its priority when more urgent) or,
                // when the case is closed, opens a new one
                String severity = pick(random, SEVERITIES);
                String opened = CaseApi.complain(customer, severity, Map.of("topic", topic));
                if (!cases.contains(opened)) {
                    cases.add(opened);
                    customers.add(customer);
                }
                return "a " + severity + " contact from " + customer + " (case " + opened + ")";
            }
            default -> {
                String command = pick(random, List.of("acknowledge", "wait-on-customer", "resume", "resolve",
                        "escalate", "callback", "wait-on-customer", "resume"));
                Map<String, String> body = new HashMap<>();
                switch (command) {
                    case "resolve" -> body.put("rootCause", "PROCESS");
                    case "callback" -> body.put("outcome", random.nextBoolean() ? "RECOVERED" : "NOT_RECOVERED");
                    default -> {
                    }
                }
                int status = given().header("Authorization", CaseApi.SUPERVISOR).contentType("application/json")
                        .body(body).post("/api/v1/cases/" + caseId + "/" + command).then().statusCode(anyOf(is(200), is(409)))
                        .extract().statusCode();
                return command + " " + body + " on " + caseId + ": " + status;
            }
        }
    }

    private static void assertTheQueueKeepsTheOldOrder(String topic, Random random, String when) throws Exception {
        for (String order : List.of("newest", "urgency")) {
            JsonPath all = page(topic, order, 200, null);
            assertThat(all.getString("nextCursor")).isNull();
            List<Map<String, Object>> items = all.getList("items");
            assertThat(items.stream().map(item -> item.get("id")).toList()).as("%s, %s: the old query's order", when, order)
                    .isEqualTo(KeptUrgency.oldOrder(topic, order.equals("urgency")));

            int limit = 1 + random.nextInt(5);
            List<Map<String, Object>> walked = new ArrayList<>();
            String cursor = null;
            do {
                JsonPath page = page(topic, order, limit, cursor);
                List<Map<String, Object>> got = page.getList("items");
                assertThat(got).hasSizeLessThanOrEqualTo(limit);
                walked.addAll(got);
                cursor = page.getString("nextCursor");
            } while (cursor != null);
            assertThat(walked).as("%s, %s walked %d at a time", when, order, limit).isEqualTo(items);
            assertThat(new HashSet<>(walked.stream().map(item -> item.get("id")).toList())).hasSize(items.size());
        }
    }

    private static JsonPath page(String topic, String order, int limit, String cursor) {
        var request = given().header("Authorization", CaseApi.AGENT).queryParam("topic", topic)
                .queryParam("order", order).queryParam("limit", limit);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        return request.get("/api/v1/cases").then().statusCode(200).extract().jsonPath();
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
