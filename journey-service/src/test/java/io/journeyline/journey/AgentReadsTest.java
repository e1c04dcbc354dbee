package io.journeyline.journey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.Topics;
import io.journeyline.journey.config.HealthConfig;
import io.journeyline.testing.DatabaseScan;
import io.journeyline.testing.RealInfrastructure;
import io.journeyline.testing.TestClock;
import io.journeyline.testing.TestEvents;
import io.journeyline.testing.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 24: what an agent reads is no longer computed from the customer's whole history — contacts per topic are kept
 * current by hour, the latest scores and a linked group's timeline pages are read through indexes that stop early. Each
 * must still answer exactly what the timeline says. Random histories (seeded) of three customers, two of them linked
 * by a shared e-mail, sent out of order (late events) with duplicates, a third of the contacts within two hours of the
 * window's edge; the journey view is compared at several clock positions with the same figures computed by plain
 * queries over the timeline (the queries the view ran before), and every page walk with the timeline in order.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AgentReadsTest {
    private static final String TOUCHPOINT = "io.journeyline.touchpoint.recorded";
    private static final String RESPONDED = "io.journeyline.survey.responded";
    private static final List<String> TOPICS = Arrays.asList("billing", "delivery", "returns", null);
    private static final Map<String, Integer> SCALES = Map.of("NPS", 10, "CSAT", 5, "CES", 7);
    private static final int EVENTS = 150;

    @Inject
    TestClock clock;
    @Inject
    HealthConfig health;

    private record Sent(String customerId, String topic, ObjectNode event) {
    }

    @ParameterizedTest
    @ValueSource(longs = {24, 2024, 20241206})
    void theViewAndEveryPageSayWhatTheTimelineSays(long seed) {
        Random random = new Random(seed);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime edge = now.minus(health.contactsWindow());
        List<String> customers = List.of(JourneyApi.newCustomer(), JourneyApi.newCustomer(), JourneyApi.newCustomer());
        String email = "reads-" + seed + "-" + customers.get(0) + "@example.com";

        List<Sent> history = new ArrayList<>();
        for (String linked : customers.subList(0, 2)) {   // the first two share an e-mail: one group
            history.add(new Sent(linked, Topics.TOUCHPOINTS, touchpoint(linked, now.minusDays(40), "visit", null,
                    Map.of("email", email))));
        }
        for (int i = 0; i < EVENTS; i++) {
            String customer = customers.get(random.nextInt(customers.size()));
            OffsetDateTime time = random.nextInt(3) == 0
                    ? edge.plusSeconds(random.nextInt(4 * 3600) - 2 * 3600)
                    : now.minusSeconds(random.nextLong(33L * 24 * 3600));
            int what = random.nextInt(10);
            if (what < 5) {
                history.add(new Sent(customer, Topics.TOUCHPOINTS, touchpoint(customer, time, "contact",
                        TOPICS.get(random.nextInt(TOPICS.size())), Map.of())));
            } else if (what < 7) {
                history.add(new Sent(customer, Topics.TOUCHPOINTS, touchpoint(customer, time, "visit",
                        TOPICS.get(random.nextInt(TOPICS.size())), Map.of())));
            } else {
                String kind = List.copyOf(new TreeMap<>(SCALES).keySet()).get(random.nextInt(SCALES.size()));
                history.add(new Sent(customer, Topics.FEEDBACK, answer(customer, time, kind,
                        1 + random.nextInt(SCALES.get(kind)))));
            }
        }
        List<Sent> deliveries = new ArrayList<>(history);
        for (int i = 0; i < EVENTS / 10; i++) {   // a tenth delivered twice
            deliveries.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(deliveries, random);  // out of event-time order: late events
        deliveries.forEach(sent -> TestKafka.produce(sent.topic(), sent.customerId(), sent.event().toString(),
                Map.of("content-type", "application/cloudevents+json")));
        for (String customer : customers) {
            Set<String> ids = history.stream().filter(sent -> sent.customerId().equals(customer))
                    .map(sent -> sent.event().get("id").asText()).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> new HashSet<>(timelineIds(customer, "")).containsAll(ids));
        }

        Duration moved = Duration.ZERO;
        try {
            for (Duration step : List.of(Duration.ZERO, Duration.ofMinutes(17), Duration.ofMinutes(44),
                    Duration.ofMinutes(45), Duration.ofMinutes(75))) {   // the window's edge crosses the cluster
                clock.advance(step);
                moved = moved.plus(step);
                for (String customer : customers) {
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> theViewAgreesWithTheTimeline(customer));
                }
            }
        } finally {
            clock.advance(moved.negated());
        }
        for (String customer : customers) {
            for (String types : List.of("", "type=" + RESPONDED, "type=" + RESPONDED + "&type=" + TOUCHPOINT)) {
                int limit = 1 + random.nextInt(9);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(walk(customer, types, limit))
                        .as("%s, %s, pages of %d", customer, types, limit).containsExactlyElementsOf(timeline(customer, types)));
            }
        }
        assertThat(members(customers.get(0))).containsExactlyInAnyOrder(customers.get(0), customers.get(1));
        assertThat(members(customers.get(2))).containsExactly(customers.get(2));
    }

    private void theViewAgreesWithTheTimeline(String customer) {
        JsonPath view = given().header("Authorization", JourneyApi.AGENT)
                .get("/api/v1/customers/" + customer + "/journey").then().statusCode(200).extract().jsonPath();
        String since = OffsetDateTime.now(clock).minus(health.contactsWindow()).withOffsetSameInstant(ZoneOffset.UTC).toString();
        String group = inList(members(customer));

        Map<String, Long> contacts = new TreeMap<>();
        DatabaseScan.ofThisTest().rows("""
                select coalesce(data::jsonb ->> 'topic', '(no topic)'), count(*) from timeline_entries
                where customer_id in (%s) and type = '%s' and occurred_at >= timestamptz '%s'
                    and data::jsonb ->> 'action' = 'contact'
                group by 1""".formatted(group, TOUCHPOINT, since))
                .forEach(row -> contacts.put(row.split("\\|")[0], Long.parseLong(row.split("\\|")[1])));
        Map<String, Long> shown = new TreeMap<>();
        view.getMap("contacts.byTopic", String.class, Number.class).forEach((topic, n) -> shown.put(topic, n.longValue()));
        assertThat(shown).as("contacts by topic of %s since %s", customer, since).isEqualTo(contacts);

        Map<String, String> scores = new LinkedHashMap<>();
        DatabaseScan.ofThisTest().rows("""
                select distinct on (data::jsonb ->> 'surveyKind') data::jsonb ->> 'surveyKind',
                    (data::jsonb -> 'scores' ->> 'primary')::float8, occurred_at at time zone 'UTC'
                from timeline_entries where customer_id in (%s) and type = '%s'
                order by data::jsonb ->> 'surveyKind', occurred_at desc, seq desc""".formatted(group, RESPONDED))
                .stream().map(row -> row.split("\\|")).filter(row -> !"null".equals(row[1]))
                .forEach(row -> scores.put(row[0], String.valueOf(Double.parseDouble(row[1]))));
        Map<String, String> latest = new LinkedHashMap<>();
        Map<String, Map<String, Object>> shownScores = view.getMap("latestScores");
        shownScores.forEach((kind, score) -> latest.put(kind, String.valueOf(((Number) score.get("score")).doubleValue())));
        assertThat(latest).as("latest scores of %s", customer).isEqualTo(scores);
    }

    /** The customer's timeline walked page by page through the cursor. */
    private static List<String> walk(String customer, String filter, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = JourneyApi.timeline(customer, filter + (filter.isEmpty() ? "" : "&") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor)).statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.eventId", String.class);
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            ids.addAll(items);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    /** The group's timeline in the order the API promises, read with one plain query. */
    private static List<String> timeline(String customer, String filter) {
        List<String> types = Arrays.stream(filter.split("&")).filter(part -> part.startsWith("type="))
                .map(part -> part.substring(5)).toList();
        return DatabaseScan.ofThisTest().rows("select event_id from timeline_entries where customer_id in (%s)%s"
                .formatted(inList(members(customer)), types.isEmpty() ? "" : " and type in (" + inList(types) + ")")
                + " order by occurred_at desc, seq desc");
    }

    private static List<String> timelineIds(String customer, String filter) {
        return walk(customer, filter, 200);
    }

    private static List<String> members(String customer) {
        return DatabaseScan.ofThisTest().rows("""
                select id from customers where coalesce(group_id, id) =
                    (select coalesce(group_id, id) from customers where id = '%s')""".formatted(customer));
    }

    private static String inList(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").collect(Collectors.joining(", "));
    }

    private static ObjectNode touchpoint(String customer, OffsetDateTime time, String action, String topic,
                                         Map<String, String> identities) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", customer).put("channel", "phone")
                .put("touchpoint", "support.call").put("action", action);
        if (topic != null) {
            data.put("topic", topic);
        }
        if (!identities.isEmpty()) {
            data.putPOJO("identities", identities);
        }
        return TestEvents.envelope(TOUCHPOINT, "/crm", customer, time, data);
    }

    private static ObjectNode answer(String customer, OffsetDateTime time, String kind, int score) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", customer).put("surveyId", "s-" + kind)
                .put("surveyKind", kind).put("responseId", "r-" + time.toEpochSecond());
        data.putObject("scores").put("primary", score);
        return TestEvents.envelope(RESPONDED, "/journeyline/survey-service", customer, time, data);
    }
}
