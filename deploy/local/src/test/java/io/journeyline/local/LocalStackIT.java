package io.journeyline.local;

import io.restassured.RestAssured;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command, end to end, as separate processes, on the suite's one packaged stack (StoriesStack, the
 * README's command with its ports shifted and three settings of its own; started here when this class runs alone):
 * sends events the way other company systems would (HTTP ingest, a plain Kafka client in binary and structured mode,
 * the satellite services' own endpoints), reads them back from the timeline, stops the stack and checks that it
 * leaves none of its processes and ports behind, restarts it and finds the data still there. It runs last (it kills
 * the stack's Kafka and stops the stack), after StoriesIT and ConsoleIT; its customers and contents are its own.
 */
@Order(Integer.MAX_VALUE)
class LocalStackIT {
    private static final int OFFSET = StoriesStack.OFFSET;
    private static final String JOURNEY = "http://localhost:" + (8081 + OFFSET);
    private static final String SURVEY = "http://localhost:" + (8082 + OFFSET);
    private static final String EDUCATION = "http://localhost:" + (8083 + OFFSET);
    private static final String FEEDBACK = "http://localhost:" + (8084 + OFFSET);
    /** feedback-service's management port: health, metrics, OpenAPI. */
    private static final String FEEDBACK_MANAGEMENT = "http://localhost:" + LocalStack.managementPort(8084 + OFFSET);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private final Stack stack = StoriesStack.STACK;

    @Test
    void wholeSystemServesEventsSurvivesARestartAndStopsCleanly() throws Exception {
        StoriesStack.start();
        String customer = "it-" + UUID.randomUUID();

        // The printed tokens come from the stack's own issuer, for the services' audience, living 8 hours; a token its
        // key signed for another environment's issuer is refused.
        String claims = new String(Base64.getUrlDecoder().decode(stack.token("agent").split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("\"iss\":\"" + Keys.LOCAL_ISSUER + "\"").containsPattern("\"aud\":\\[?\"journeyline\"");
        assertThat(Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"))
                - Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"))).isEqualTo(8 * 3600);
        String foreign = Keys.tokens(stack.dataDir, "https://dev.journeyline.invalid", Duration.ofHours(1)).get("agent");
        RestAssured.given().header("Authorization", "Bearer " + foreign).get(JOURNEY + "/api/v1/customers/" + customer
                + "/timeline").then().statusCode(401);
        stack.as("agent").get(JOURNEY + "/api/v1/customers/" + customer + "/timeline").then().statusCode(404);

        // every process a Prometheus scrapes (the manifests' prometheus.io annotations) answers on its management port,
        // with the JVM's memory among its figures: the console's did not answer at all before it took the extension
        for (int port : List.of(8081, 8082, 8083, 8084, LocalStack.CONSOLE_PORT)) {
            // one request on its own port first, so the figure exists even when this test is the stack's first client
            RestAssured.get("http://localhost:" + (port + OFFSET) + "/api/v1/customers/" + customer);
            String metrics = RestAssured.get("http://localhost:" + LocalStack.managementPort(port + OFFSET) + "/q/metrics")
                    .then().statusCode(200).extract().asString();
            assertThat(metrics).as("/q/metrics of the process on %d", port + OFFSET)
                    .contains("jvm_memory_used_bytes{", "http_server_requests_seconds_count{");
        }

        String viaHttp = UUID.randomUUID().toString();
        stack.as("ingest").contentType("application/cloudevents+json")
                .body(touchpoint(viaHttp, customer, "web", "checkout.payment", "purchase"))
                .post(JOURNEY + "/api/v1/events").then().statusCode(202);

        String binary = UUID.randomUUID().toString();
        String structured = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = stack.producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>("journey.touchpoints", customer,
                    "{\"customerId\":\"" + customer + "\",\"channel\":\"app\",\"touchpoint\":\"setup.wifi\",\"action\":\"error\"}");
            Map.of("ce_specversion", "1.0", "ce_id", binary, "ce_source", "/mobile-app", "ce_time", Instant.now().toString(),
                            "ce_type", "io.journeyline.touchpoint.recorded", "ce_subject", customer, "content-type", "application/json")
                    .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
            ProducerRecord<String, String> structuredRecord = new ProducerRecord<>("journey.touchpoints", customer,
                    touchpoint(structured, customer, "chat", "support.chat", "contact"));
            structuredRecord.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(structuredRecord).get();
            producer.send(new ProducerRecord<>("journey.touchpoints", customer, "this is not an event")).get();
        }

        stack.as("agent").contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "complaint", "category", "BILLING_FEES", "channel", "phone"))
                .post(FEEDBACK + "/api/v1/feedback").then().statusCode(201);
        stack.as("ingest").contentType("application/json")
                .body(Map.of("customerId", customer, "surveyKind", "CSAT", "score", 5))
                .post(SURVEY + "/api/v1/surveys/csat-onboarding/responses").then().statusCode(201);
        String wifi = "it-wifi-" + RUN;    // the stories have a wifi-setup of their own
        stack.as("admin").contentType("application/json").body(Map.of("id", wifi,
                        "kind", "interactive-tutorial", "level", "BASIC", "title", Map.of("en", "Setting up wifi"),
                        "topics", List.of("setup.wifi"), "languages", List.of("en"), "channels", List.of("app"),
                        "durationMinutes", 8, "owner", "docs"))
                .post(EDUCATION + "/api/v1/contents").then().statusCode(201);
        String assignment = stack.as("agent").contentType("application/json")
                .body(Map.of("contentId", wifi, "reason", "PP-REPEATED-ERRORS"))
                .post(EDUCATION + "/api/v1/customers/" + customer + "/assignments").then().statusCode(201)
                .extract().path("id");
        stack.as("ingest").contentType("application/json").body(Map.of("status", "COMPLETED"))
                .post(EDUCATION + "/api/v1/assignments/" + assignment + "/progress").then().statusCode(200);

        // the complaint also opens a case in feedback-service: case.opened reaches the timeline too
        List<String> expectedTypes = List.of("io.journeyline.touchpoint.recorded", "io.journeyline.feedback.received",
                "io.journeyline.case.opened", "io.journeyline.survey.responded", "io.journeyline.education.assigned",
                "io.journeyline.education.completed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stack.timeline(customer, "items.eventId")).doesNotHaveDuplicates();
            List<String> ids = stack.timeline(customer, SENT + ".eventId");
            assertThat(ids).as("the events this test caused, of types %s", stack.timeline(customer, SENT + ".type"))
                    .contains(viaHttp, binary, structured).hasSize(8);
            assertThat(stack.timeline(customer, "items.type")).containsAll(expectedTypes);
        });
        // journey-service's own work on them: the complaint put the customer at risk, shown in the timeline too
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.as("agent")
                .get(JOURNEY + "/api/v1/customers/" + customer + "/journey").then().statusCode(200).extract()
                .<String>path("stage")).isEqualTo("AT_RISK"));
        assertThat(stack.timeline(customer, "items.summary"))
                .anySatisfy(summary -> assertThat(summary).startsWith("stage ").endsWith(" → AT_RISK"));
        assertThat(stack.deadLetters("journey.touchpoints", customer)).containsExactly("malformed-json");

        // A detractor: the NPS answer reaches journey-service, whose rule asks feedback-service for a case; the agent
        // works the case there, and journey-service shows each step in the customer's timeline.
        String detractor = "it-" + UUID.randomUUID();
        stack.as("ingest").contentType("application/json")
                .body(Map.of("customerId", detractor, "surveyKind", "NPS", "score", 3))
                .post(SURVEY + "/api/v1/surveys/nps-relationship/responses").then().statusCode(201);
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> stack.as("agent")
                .get(FEEDBACK + "/api/v1/customers/" + detractor + "/cases").then().statusCode(200).extract()
                .<String>path("items[0].id"), java.util.Objects::nonNull);
        assertThat(stack.as("agent").get(FEEDBACK + "/api/v1/cases/" + caseId).then().statusCode(200)
                .extract().<String>path("record.painPointId")).isNotBlank();
        stack.as("agent").contentType("application/json").body("{}")
                .post(FEEDBACK + "/api/v1/cases/" + caseId + "/acknowledge").then().statusCode(200);
        stack.as("agent").contentType("application/json").body(Map.of("rootCause", "PRODUCT_DEFECT"))
                .post(FEEDBACK + "/api/v1/cases/" + caseId + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.timeline(detractor, "items.type"))
                .contains("io.journeyline.survey.responded", "io.journeyline.case.opened",
                        "io.journeyline.case.acknowledged", "io.journeyline.case.resolved"));
        assertThat(stack.timeline(detractor, "items.summary"))
                .anySatisfy(summary -> assertThat(summary).startsWith("pain point ").contains("PP-DETRACTOR"));

        // The resolution asks survey-service for the case's follow-up survey (this stack's: the relationship NPS); the
        // delivery gateway's request carries the customer's link. The customer answers through it, no login:
        // feedback-service closes the case RECOVERED, journey-service resolves the pain point, and the timeline shows
        // it all.
        String link = await().atMost(Duration.ofSeconds(30)).until(() -> stack.surveyLinks(detractor), links -> !links.isEmpty())
                .get(0);
        assertThat(RestAssured.get(link).then().statusCode(200).extract().<String>path("kind")).isEqualTo("NPS");
        RestAssured.given().contentType("application/json")
                .body(Map.of("answers", Map.of("recommend", 9, "why", "Quickly fixed, thank you"), "complete", true))
                .post(link).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.as("agent")
                .get(FEEDBACK + "/api/v1/cases/" + caseId).then().statusCode(200).extract().<String>path("record.outcome"))
                .isEqualTo("RECOVERED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.timeline(detractor, "items.type"))
                .contains("io.journeyline.survey.invited", "io.journeyline.case.closed",
                        "io.journeyline.journey.pain-point-resolved")
                .filteredOn("io.journeyline.survey.responded"::equals).as("the NPS and the follow-up's CSAT").hasSize(2));

        // Three errors on one feature: journey-service's PP-REPEATED-ERRORS asks education-service for a lesson, which
        // picks the catalog's content (unless the customer falls in the 10 % hold-out: then the next customer);
        // completing it puts education.completed in the timeline and resolves the pain point.
        String routerFix = "it-router-fix-" + RUN;
        stack.as("admin").contentType("application/json").body(Map.of("id", routerFix, "kind", "micro-lesson",
                        "level", "PROBLEM_SOLVING", "title", Map.of("en", "Fixing your router"), "topics", List.of("setup.router"),
                        "languages", List.of("en"), "channels", List.of("app"), "durationMinutes", 5, "owner", "docs"))
                .post(EDUCATION + "/api/v1/contents").then().statusCode(201);
        String learner = null;
        String lesson = null;
        for (int attempt = 0; attempt < 5 && lesson == null; attempt++) {
            learner = "it-" + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                stack.as("ingest").contentType("application/cloudevents+json")
                        .body(touchpoint(UUID.randomUUID().toString(), learner, "app", "setup.router", "error",
                                Instant.now().toString()))
                        .post(JOURNEY + "/api/v1/events").then().statusCode(202);
            }
            String who = learner;
            Map<String, Object> decision = await().atMost(Duration.ofSeconds(30)).until(() -> stack.as("agent")
                    .get(EDUCATION + "/api/v1/customers/" + who + "/assignments").then().statusCode(200).extract()
                    .jsonPath().getMap("[0]"), java.util.Objects::nonNull);
            if ("ASSIGNED".equals(decision.get("status"))) {
                assertThat(decision.get("contentId")).isEqualTo(routerFix);
                lesson = (String) decision.get("id");
            }
        }
        assertThat(lesson).as("a customer outside the hold-out within five tries").isNotNull();
        stack.as("ingest").contentType("application/json").body(Map.of("status", "COMPLETED", "score", 90))
                .post(EDUCATION + "/api/v1/assignments/" + lesson + "/progress").then().statusCode(200);
        String learned = learner;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.timeline(learned, "items.type"))
                .contains("io.journeyline.education.assigned", "io.journeyline.education.completed",
                        "io.journeyline.journey.pain-point-resolved"));

        // Kafka dies: a service keeps taking writes (they wait in its outbox) and reports itself not ready.
        List<Long> pids = stack.childPids();
        ProcessHandle kafka = ProcessHandle.of(pids.get(pids.size() - 1)).orElseThrow();
        kafka.destroyForcibly();
        kafka.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        stack.as("agent").contentType("application/json")
                .body(Map.of("customerId", customer, "kind", "question", "category", "OTHER", "channel", "chat"))
                .post(FEEDBACK + "/api/v1/feedback").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                RestAssured.get(FEEDBACK_MANAGEMENT + "/q/health/ready").then().statusCode(503));

        stack.stop();
        // the console, the four services and Kafka (the pids the banner names) are gone, and every port is free again:
        // theirs, PostgreSQL's and the console's identity provider's (which runs inside the launcher)
        assertThat(pids).hasSize(6).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true)));
        for (int port : List.of(8080, 9080, 8070, 8081, 8082, 8083, 8084, 9081, 9082, 9083, 9084, 9092, 15432)) {
            assertThat(Stack.isFree(port + OFFSET)).as("port %d is free after stop", port + OFFSET).isTrue();
        }

        // After a restart the data is still there, and the feedback written during the outage has arrived.
        stack.start();
        assertThat(stack.timeline(customer, "items.eventId")).contains(viaHttp, binary, structured);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(stack.timeline(customer, SENT + ".eventId")).hasSize(9));
        stack.stop();
    }

    @AfterEach
    void stopIfRunning() throws InterruptedException {
        if (stack.running()) {
            stack.stop();
        }
    }

    /**
     * The events this test caused, not counting survey-service's course-feedback invitation, sent or suppressed: which
     * one the completed lesson gets depends on whether survey-service has already consumed the complaint's case.opened
     * (an open case suppresses it), and the two travel on different topics.
     */
    private static final String SENT = "items.findAll { it.source != '/journeyline/journey-service'"
            + " && it.type != 'io.journeyline.survey.invited' && it.type != 'io.journeyline.survey.suppressed' }";

    /**
     * A touchpoint now: event times days apart would make journey-service's rules see a journey (a purchase with no
     * first use within 7 days is PP-NEW-CUSTOMER, whose onboarding education a held-out customer gets an event for).
     */
    private static String touchpoint(String id, String customer, String channel, String touchpoint, String action) {
        return touchpoint(id, customer, channel, touchpoint, action, Instant.now().toString());
    }

    private static String touchpoint(String id, String customer, String channel, String touchpoint, String action,
                                     String time) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/it\",\"type\":\"io.journeyline.touchpoint.recorded\","
                + "\"time\":\"" + time + "\",\"subject\":\"" + customer + "\",\"data\":{\"customerId\":\"" + customer
                + "\",\"channel\":\"" + channel + "\",\"touchpoint\":\"" + touchpoint + "\",\"action\":\"" + action + "\"}}";
    }
}
