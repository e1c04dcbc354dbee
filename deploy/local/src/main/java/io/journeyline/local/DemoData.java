package io.journeyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.journeyline.contract.EventJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a population of customer journeys through a running local stack with the clients outside systems use —
 * CloudEvents on Kafka, the services' HTTP APIs — so every API and report has something to show. Repeatable: the
 * same {@code --seed} and {@code --customers} send the same journeys (event ids and times aside).
 *
 * <p>Each customer starts 35–80 days back (so the education effect's 30-day windows have passed): awareness, then
 * (by chance) consideration, a purchase, onboarding and use — a quarter never use what they bought (PP-NEW-CUSTOMER:
 * the getting-started learning path); some hit three errors on setup.wifi (PP-REPEATED-ERRORS: education-service
 * assigns the tutorial or holds the customer out), fail the returns portal and call the hotline,
 * wait long in the queue, cancel, complain (some misunderstand the refund policy: a content gap), answer CSAT / CES
 * surveys about a touchpoint. Education works in this world: a customer who got the lesson hits the same errors again
 * 10 days later with probability 0.15, a held-out one with 0.45, and rates setup better afterwards (CSAT answers dated
 * before and after the trouble) — the generator works out who is held out from the
 * published rule ({@link PublishedHoldout}), as a real population would simply behave. After the
 * events it completes most assigned lessons (of a path, the first unit), records a relationship NPS answer for a third
 * of the customers who use the product (promoters in USAGE become LOYAL), waits until every consumer has caught up,
 * and prints a summary with the reports' headline figures.
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.DemoData [--customers 1000] [--seed 42]
 *     [--port-offset 0] [--data-dir deploy/local/data]</pre>
 */
public final class DemoData {
    /**
     * journey-service's stale guard for a stack that plays the demo: its journeys began up to 80 days ago, and under the
     * default (P2D) their pain points would be history, asking for nothing.
     */
    static final String STALE_AFTER_VARIABLE = "JOURNEYLINE_INTERVENTIONS_STALE_AFTER";
    static final String STALE_AFTER = "P400D";

    private static final String RULE = "PP-REPEATED-ERRORS";

    private final int offset;
    private final Map<String, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore inFlight = new Semaphore(16);
    private final AtomicLong kafkaEvents = new AtomicLong();
    private final AtomicLong httpCalls = new AtomicLong();
    final AtomicLong httpFailures = new AtomicLong();
    /** Relationship NPS answers, recorded after the journeys (a promoter in USAGE becomes LOYAL). */
    private final List<NpsAnswer> relationshipNps = new ArrayList<>();

    private record NpsAnswer(String customer, int score, Instant respondedAt) {
    }

    private DemoData(int offset, Map<String, String> tokens) {
        this.offset = offset;
        this.tokens = tokens;
    }

    /** A client of the stack at {@code offset} whose tokens are in {@code dataDir} (other benchmarks seed with it too). */
    static DemoData client(int offset, Path dataDir) throws Exception {
        Map<String, String> tokens = new HashMap<>();
        Keys.writtenTokens(dataDir).forEach((name, token) -> tokens.put(
                name.replace("JOURNEYLINE_TOKEN_", "").toLowerCase(), token));
        return new DemoData(offset, tokens);
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int customers = 1000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--customers" -> customers = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: DemoData [--customers N] [--seed S] [--port-offset N] [--data-dir DIR]");
            }
        }
        run(offset, dataDir, customers, seed);
    }

    /** Seeds the stack at {@code offset} whose tokens are in {@code dataDir}; also called by the run command's --demo. */
    static void run(int offset, Path dataDir, int customers, long seed) throws Exception {
        client(offset, dataDir).play(customers, seed);
    }

    private void play(int customers, long seed) throws Exception {
        System.out.printf("Demo data: %,d customers, seed %d%n", customers, seed);
        catalog();
        Random random = new Random(seed);
        String run = Long.toString(seed, 36);
        Instant now = Instant.now();
        List<String> learners = new ArrayList<>();
        Instant began = Instant.now();
        try (KafkaProducer<String, String> kafka = producer()) {
            for (int i = 0; i < customers; i++) {
                String customer = "demo-" + run + "-" + i;
                if (journey(kafka, random, customer, now)) {
                    learners.add(customer);
                }
                if ((i + 1) % Math.max(1, customers / 50) == 0 || i == customers - 1) {
                    progress("journeys", i + 1, customers, began);
                }
            }
        }
        awaitHttp();
        Duration sending = Duration.between(began, Instant.now());
        System.out.printf("%nSent %,d events on Kafka and %,d HTTP calls (%,d failed) in %.1f s: %,.0f events/s%n",
                kafkaEvents.get(), httpCalls.get(), httpFailures.get(), sending.toMillis() / 1000.0,
                (kafkaEvents.get() + httpCalls.get()) / Math.max(0.001, sending.toMillis() / 1000.0));

        Instant waiting = Instant.now();
        quiesce();
        System.out.printf("Every consumer caught up %.1f s after the last event was sent (no lag in 5 checks a second "
                + "apart, which the figure includes)%n", Duration.between(waiting, Instant.now()).toMillis() / 1000.0);
        int completed = completeLessons(learners, random);
        quiesce();
        System.out.printf("Completed %,d lessons (progress reports over HTTP); caught up again%n", completed);
        for (NpsAnswer answer : relationshipNps) {
            answer("relationship-nps", "NPS", answer.customer(), answer.score(), null, answer.respondedAt());
        }
        awaitHttp();
        quiesce();
        System.out.printf("Recorded %,d relationship NPS answers (a month after the purchase); caught up again%n",
                relationshipNps.size());
        summary();
    }

    // --- the population ---

    /** One customer's journey; true when education may be assigned to them (the wifi tutorial, the onboarding path). */
    private boolean journey(KafkaProducer<String, String> kafka, Random random, String customer, Instant now) {
        Instant t = now.minus(35 + random.nextInt(46), ChronoUnit.DAYS).plus(random.nextInt(24 * 60), ChronoUnit.MINUTES);
        touchpoint(kafka, customer, t, "web", "home", "view", "");
        boolean troubled = false;
        if (random.nextDouble() < 0.7) {
            touchpoint(kafka, customer, t.plus(1, ChronoUnit.DAYS), "web", "pricing", "view",
                    ",\"stage\":\"CONSIDERATION\"");
        }
        if (random.nextDouble() < 0.55) {
            Instant bought = t.plus(2, ChronoUnit.DAYS);
            touchpoint(kafka, customer, bought, "web", "checkout.payment", "purchase",
                    ",\"outcome\":\"success\",\"topic\":\"onboarding\"");
            touchpoint(kafka, customer, bought.plus(1, ChronoUnit.HOURS), "app", "setup.start", "open",
                    ",\"stage\":\"ONBOARDING\"");
            if (random.nextDouble() < 0.3) {
                troubled = true;
                boolean heldOut = PublishedHoldout.heldOut(customer, RULE);
                errors(kafka, customer, bought.plus(2, ChronoUnit.HOURS));
                if (random.nextDouble() < (heldOut ? 0.45 : 0.15)) {
                    errors(kafka, customer, bought.plus(12, ChronoUnit.DAYS));
                }
                if (random.nextDouble() < 0.6) {
                    setupSatisfaction(customer, bought, heldOut, random);
                }
            }
            boolean uses = random.nextDouble() < 0.75;
            troubled |= !uses;                       // PP-NEW-CUSTOMER puts them on the getting-started path
            if (uses) {
                touchpoint(kafka, customer, bought.plus(5, ChronoUnit.DAYS), "app", "home", "feature_use",
                        ",\"stage\":\"USAGE\",\"outcome\":\"success\"");
                if (random.nextDouble() < 0.35) {
                    double draw = random.nextDouble();
                    int score = draw < 0.45 ? 9 + random.nextInt(2) : draw < 0.8 ? 7 + random.nextInt(2) : random.nextInt(7);
                    relationshipNps.add(new NpsAnswer(customer, score, bought.plus(30, ChronoUnit.DAYS)));
                }
            }
            if (random.nextDouble() < 0.1) {
                Instant failed = bought.plus(7, ChronoUnit.DAYS);
                touchpoint(kafka, customer, failed, "web", "returns.portal", "self_service",
                        ",\"outcome\":\"failure\",\"topic\":\"returns\"");
                touchpoint(kafka, customer, failed.plus(20, ChronoUnit.MINUTES), "phone", "hotline", "contact",
                        ",\"topic\":\"returns\"");
            }
            if (random.nextDouble() < 0.05) {
                touchpoint(kafka, customer, bought.plus(9, ChronoUnit.DAYS), "phone", "hotline", "contact",
                        ",\"waitMs\":" + (11 + random.nextInt(20)) * 60_000 + ",\"topic\":\"billing\"");
            }
            if (random.nextDouble() < 0.08) {
                touchpoint(kafka, customer, bought.plus(20, ChronoUnit.DAYS), "web", "account", "cancel", "");
            }
            if (random.nextDouble() < 0.3) {
                String[] places = {"checkout.payment", "setup.start", "home"};
                String place = places[random.nextInt(places.length)];
                answer("touchpoint-csat", "CSAT", customer, 1 + random.nextInt(5), place, null);
                if (random.nextDouble() < 0.5) {
                    answer("touchpoint-ces", "CES", customer, 1 + random.nextInt(7), place, null);
                }
            }
        }
        double complaint = random.nextDouble();
        if (complaint < 0.05) {
            boolean misunderstood = complaint < 0.03;
            Instant received = now.minus(1 + random.nextInt(25), ChronoUnit.DAYS);
            post(feedback() + "/api/v1/feedback", "agent", """
                    {"customerId": "%s", "kind": "complaint", "category": "%s", "channel": "phone", "topic": "%s",
                     "text": "%s", "receivedAt": "%s"}""".formatted(customer,
                    misunderstood ? "MISUNDERSTANDING" : "BILLING_FEES", misunderstood ? "refund-policy" : "billing",
                    misunderstood ? "I thought the refund would be automatic" : "The fee on my bill is confusing",
                    received));
        }
        return troubled;
    }

    /**
     * A CSAT answer about setup just before the wifi trouble and one 20 days after it (answers collected by another
     * system, dated when given): a customer who got the tutorial rates setup a point higher afterwards with
     * probability 0.5 and a point lower with 0.1; a held-out one with 0.15 and 0.3 — the satisfaction side of the
     * education effect, to be read off the report's {@code csatChange}.
     */
    private void setupSatisfaction(String customer, Instant bought, boolean heldOut, Random random) {
        int before = 2 + random.nextInt(3);
        double draw = random.nextDouble();
        int change = heldOut ? (draw < 0.15 ? 1 : draw < 0.45 ? -1 : 0) : (draw < 0.5 ? 1 : draw < 0.6 ? -1 : 0);
        answer("touchpoint-csat", "CSAT", customer, before, "setup.start", bought.plus(90, ChronoUnit.MINUTES));
        answer("touchpoint-csat", "CSAT", customer, Math.max(1, Math.min(5, before + change)), "setup.wifi",
                bought.plus(20, ChronoUnit.DAYS));
    }

    /** A survey answer another system collected (recorded through the ingest endpoint); dated when given, if given. */
    void answer(String survey, String kind, String customer, int score, String touchpoint, Instant respondedAt) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("customerId", customer).put("surveyKind", kind)
                .put("score", score);
        if (touchpoint != null) {
            body.put("touchpoint", touchpoint);
        }
        if (respondedAt != null) {
            body.put("respondedAt", respondedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        post(survey() + "/api/v1/surveys/" + survey + "/responses", "ingest", body.toString());
    }

    void errors(KafkaProducer<String, String> kafka, String customer, Instant at) {
        for (int i = 0; i < 3; i++) {
            touchpoint(kafka, customer, at.plus(7L * i, ChronoUnit.MINUTES), "app", "setup.wifi", "error", "");
        }
    }

    void touchpoint(KafkaProducer<String, String> kafka, String customer, Instant time, String channel,
                            String touchpoint, String action, String more) {
        String event = """
                {"specversion":"1.0","id":"%s","source":"/demo","type":"io.journeyline.touchpoint.recorded","time":"%s",\
                "subject":"%s","data":{"customerId":"%s","channel":"%s","touchpoint":"%s","action":"%s"%s}}"""
                .formatted(java.util.UUID.randomUUID(), time.truncatedTo(ChronoUnit.SECONDS), customer, customer, channel,
                        touchpoint, action, more);
        kafka.send(new ProducerRecord<>("journey.touchpoints", customer, event));
        kafkaEvents.incrementAndGet();
    }

    /** The catalog the journeys need: the wifi tutorial, the refund-policy explainer, returns help (409: there already). */
    void catalog() throws Exception {
        for (String[] item : new String[][]{
                {"wifi-setup", "interactive-tutorial", "PROBLEM_SOLVING", "setup.wifi"},
                {"refund-policy-explainer", "article", "BASIC", "refund-policy"},
                {"returns-self-service", "video", "PROBLEM_SOLVING", "returns"},
                {"queue-call-back", "faq", "BASIC", "hotline"},
                {"getting-started-1", "micro-lesson", "BASIC", "onboarding"},
                {"getting-started-2", "micro-lesson", "BASIC", "onboarding"},
                {"getting-started-3", "micro-lesson", "BASIC", "onboarding"}}) {
            String body = """
                    {"id": "%s", "kind": "%s", "level": "%s", "title": {"en": "%s"}, "topics": ["%s"], "languages": ["en"],
                     "channels": ["app", "email"], "durationMinutes": 6, "owner": "demo"}"""
                    .formatted(item[0], item[1], item[2], item[0], item[3]);
            HttpResponse<String> response = http.send(request(education() + "/api/v1/contents", "admin")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("catalog: " + response.statusCode() + " " + response.body());
            }
        }
        // PP-NEW-CUSTOMER (a purchase with no first use within 7 days) asks for education on the purchase's topic
        HttpResponse<String> path = http.send(request(education() + "/api/v1/paths", "admin")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "getting-started", "title": {"en": "Getting started"}, "topics": ["onboarding"],
                         "owner": "demo", "units": [{"contentId": "getting-started-1"}, {"contentId": "getting-started-2"},
                         {"contentId": "getting-started-3"}]}""")).build(), HttpResponse.BodyHandlers.ofString());
        if (path.statusCode() != 201 && path.statusCode() != 409) {
            throw new IllegalStateException("path: " + path.statusCode() + " " + path.body());
        }
    }

    /**
     * Completes about 70 % of the lessons assigned to the customers who may have one (of a path, its first unit).
     */
    private int completeLessons(List<String> learners, Random random) throws Exception {
        int completed = 0;
        Instant began = Instant.now();
        for (int i = 0; i < learners.size(); i++) {
            JsonNode assignments = EventJson.mapper().readTree(http.send(request(education() + "/api/v1/customers/"
                    + learners.get(i) + "/assignments", "agent").GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode assignment : assignments) {
                if (!"ASSIGNED".equals(assignment.path("status").asText()) || random.nextDouble() >= 0.7) {
                    continue;
                }
                String id = assignment.path("id").asText();
                String unit = "";
                if (assignment.hasNonNull("pathId")) {
                    // a path is reported unit by unit: its first unit, once delivered (the daily cap may hold it back)
                    JsonNode path = EventJson.mapper().readTree(http.send(request(education() + "/api/v1/assignments/"
                            + id, "agent").GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                    if (!"UNLOCKED".equals(path.at("/units/0/status").asText())) {
                        continue;
                    }
                    unit = ", \"contentId\": \"" + path.at("/units/0/contentId").asText() + "\"";
                }
                post(education() + "/api/v1/assignments/" + id + "/progress", "ingest",
                        "{\"status\": \"COMPLETED\", \"score\": " + (60 + random.nextInt(41)) + unit + "}");
                completed++;
            }
            if ((i + 1) % Math.max(1, learners.size() / 50) == 0 || i == learners.size() - 1) {
                progress("lessons", i + 1, learners.size(), began);
            }
        }
        awaitHttp();
        System.out.println();
        return completed;
    }

    // --- quiescence and the summary ---

    /** Waits until no consumer group lags and no outbox holds anything back (lag 0 in five checks a second apart). */
    void quiesce() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaAddress());
        try (Admin admin = Admin.create(props)) {
            int quiet = 0;
            while (quiet < 5) {
                Thread.sleep(1000);
                quiet = lag(admin) == 0 ? quiet + 1 : 0;
            }
        }
    }

    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var entry : committed.entrySet()) {
                if (entry.getValue() != null) {
                    lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                }
            }
        }
        return lag;
    }

    private static String pValue(JsonNode comparison) {
        if (!comparison.path("status").asText().equals("ok")) {
            return comparison.path("status").asText();
        }
        return comparison.path("pValue").isNumber() ? String.format("%.2g", comparison.path("pValue").asDouble())
                : "- (no variance)";
    }

    private void summary() throws Exception {
        System.out.println("\nWhat the reports show now (supervisor token; every figure with its n in the full answers):");
        JsonNode effect = get(journey() + "/api/v1/analytics/education-effect?by=rule");
        for (JsonNode group : effect.path("groups")) {
            JsonNode recurrence = group.path("recurrence");
            System.out.printf("  education effect  %-22s %4d treated, %3d held out: recurrence %s %% vs %s %%: %s pp "
                            + "(95 %% CI %s to %s), relative %s %%, p = %s%n", group.path("key").asText(),
                    group.path("treated").asLong(), group.path("heldOut").asLong(), figure(recurrence, "treatedPercent"),
                    figure(recurrence, "heldOutPercent"), figure(recurrence, "differencePp"),
                    figure(recurrence, "lower95Pp"), figure(recurrence, "upper95Pp"),
                    figure(recurrence, "relativePercent"), pValue(recurrence));
            JsonNode csat = group.path("csatChange");
            if (csat.path("treatedN").asLong() + csat.path("heldOutN").asLong() == 0) {
                continue;
            }
            System.out.printf("  %-40s CSAT change %s vs %s points (n %d, %d): %s points (95 %% CI %s to %s), p = %s%n",
                    "", figure(csat, "treatedMean"), figure(csat, "heldOutMean"), csat.path("treatedN").asLong(),
                    csat.path("heldOutN").asLong(), figure(csat, "difference"), figure(csat, "lower95"),
                    figure(csat, "upper95"), pValue(csat));
        }
        String since = "?from=" + Instant.now().minus(120, ChronoUnit.DAYS);
        JsonNode funnel = get(journey() + "/api/v1/analytics/funnel" + since);
        StringBuilder steps = new StringBuilder();
        funnel.path("steps").forEach(step -> steps.append(step.path("stage").asText()).append(' ')
                .append(step.path("reached").asLong()).append("  "));
        System.out.println("  funnel            cohort " + funnel.path("cohort").asLong() + ": " + steps);
        JsonNode touchpoints = get(journey() + "/api/v1/analytics/touchpoints" + since);
        for (JsonNode touchpoint : touchpoints.path("items")) {
            System.out.printf("  touchpoint        %-18s %6d events, failure %s %%, pain points %s %% of customers, "
                            + "CSAT %s (n %d)%n", touchpoint.path("touchpoint").asText(), touchpoint.path("volume").asLong(),
                    figure(touchpoint.path("failureRate"), "percent"), figure(touchpoint.path("painPointRate"), "percent"),
                    figure(touchpoint.path("csat"), "mean"), touchpoint.path("csat").path("n").asLong());
        }
        JsonNode cases = get(feedback() + "/api/v1/analytics/cases");
        System.out.println("  cases             " + cases.path("cases").asLong() + " opened in the last 90 days");
        JsonNode completion = get(education() + "/api/v1/analytics/completion");
        System.out.println("  completion        " + completion.at("/total/assigned").asLong() + " assigned, "
                + completion.at("/total/completed").asLong() + " completed ("
                + figure(completion.at("/total/completionRate"), "percent") + " %), median time "
                + completion.at("/total/timeToComplete/median").asText());
        JsonNode review = get(education() + "/api/v1/contents/review");
        long flagged = 0;
        for (JsonNode item : review.path("items")) {
            flagged += item.path("gaps").isEmpty() ? 0 : 1;
        }
        System.out.println("  content review    " + flagged + " item(s) flagged by a content gap");
    }

    private static String figure(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? String.format("%.1f", value.asDouble()) : "-";
    }

    // --- clients ---

    private final List<CompletableFuture<?>> pending = new ArrayList<>();

    void post(String url, String role, String body) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        httpCalls.incrementAndGet();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request(url, role)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        synchronized (pending) {
            pending.add(call.whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null || response.statusCode() >= 300) {
                    if (httpFailures.incrementAndGet() <= 3) {
                        System.err.println("\n  " + url + ": " + (failure != null ? failure : response.statusCode() + " "
                                + response.body()));
                    }
                }
            }));
        }
    }

    void awaitHttp() {
        List<CompletableFuture<?>> all;
        synchronized (pending) {
            all = new ArrayList<>(pending);
            pending.clear();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    }

    private JsonNode get(String url) throws Exception {
        return EventJson.mapper().readTree(http.send(request(url, "supervisor").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpRequest.Builder request(String url, String role) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.get(role)).header("Content-Type", "application/json");
    }

    KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaAddress());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props);
    }

    private static void progress(String what, int done, int total, Instant began) {
        int width = 30;
        int filled = (int) ((long) done * width / Math.max(1, total));
        double seconds = Math.max(0.001, Duration.between(began, Instant.now()).toMillis() / 1000.0);
        System.out.printf("\r  %-8s [%s%s] %3d %% %,d/%,d  %.0f/s ", what, "#".repeat(filled), ".".repeat(width - filled),
                done * 100L / Math.max(1, total), done, total, done / seconds);
        System.out.flush();
    }

    private String journey() {
        return "http://localhost:" + (8081 + offset);
    }

    String survey() {
        return "http://localhost:" + (8082 + offset);
    }

    String education() {
        return "http://localhost:" + (8083 + offset);
    }

    String feedback() {
        return "http://localhost:" + (8084 + offset);
    }

    private String kafkaAddress() {
        return "localhost:" + (9092 + offset);
    }
}
