package io.journeyline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What an agent waits for, read by read, against a running stack and measured from outside its JVMs (issue 24): every
 * read an agent makes about one customer, for a customer with 1,000 timeline entries and one with {@code --events}
 * (100,000), and the two worklists at volume. Prints a table (p50, p99, max, non-200 answers per read, history size and
 * mode) with the build and the services' JVM flags; asserts nothing.
 *
 * <p>Seeding. Each measured customer gets its history the way {@link PrivacyBenchmark#seed} writes it (touchpoint rows
 * straight into the journey database, dated a minute apart back from now), then a realistic handful through the
 * services' own doors ({@link DemoData}'s clients): touchpoints on Kafka (a visit naming an e-mail and a device, a
 * purchase, three setup errors, a failed self-service then a call and a chat about returns, a second customer sharing
 * the device, so the two are linked), NPS / CSAT / CES answers recorded in survey-service, a complaint in
 * feedback-service, an assignment in education-service and a survey wave inviting the customer; the rules turn these
 * into pain points, decisions, cases and assignments. The worklists' volume ({@code --pain-points} rows,
 * {@code --open-cases} open cases with their SLA clocks) is written by SQL into journey-service's and
 * feedback-service's databases, topped up to that many (a second run on the same stack adds nothing). The tables
 * written in bulk are then vacuumed and analysed, as a history that grew over months would be.
 *
 * <p>Measuring. Per read, two modes: closed loop ({@code --connections} clients, each sending its next request when the
 * previous answer came, for {@code --seconds} after a 5 s warm-up) and open loop ({@code --rate} requests a second on a
 * fixed schedule, up to 64 in flight, each latency taken from its scheduled send time, so time queued behind a slow
 * answer counts: no coordinated omission; requests the schedule could not send before its end count as not sent, with
 * the time they had waited by then as their latency — a lower bound).
 *
 * <pre>deploy/local/bench.sh reads [--port-offset N] [--data-dir DIR] [--events 100000] [--rate 200] [--seconds 20]
 *     [--connections 8] [--pain-points 1000000] [--open-cases 100000] [--only TEXT]</pre>
 * {@code --only} measures only the reads whose name contains {@code TEXT} (e.g. {@code "journey view"}).
 */
public final class ReadsBenchmark {
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    /** Open loop: the most requests in flight at once; beyond it the schedule's requests wait, and the wait counts. */
    static final int OPEN_LOOP_IN_FLIGHT = 64;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("journey", "survey", "education", "feedback");

    private final int offset;
    private final String agentToken;

    private ReadsBenchmark(int offset, String agentToken) {
        this.offset = offset;
        this.agentToken = agentToken;
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int events = 100_000;
        int rate = 200;
        int seconds = 20;
        int connections = 8;
        int painPoints = 1_000_000;
        int openCases = 100_000;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--pain-points" -> painPoints = Integer.parseInt(args[++i]);
                case "--open-cases" -> openCases = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LoadBenchmark.Stack processes = LoadBenchmark.Stack.find(offset);
        System.out.printf("Agent reads (issue 24), %s%n", LocalDate.now());
        LoadBenchmark.describeBuild(processes);
        System.out.println("  tracing export: " + tracing(processes) + "; the reads themselves make no spans (only HTTP"
                + " ingest, consumers, the outbox relay and timers do)");

        Map<String, String> tokens = Keys.writtenTokens(dataDir);
        ReadsBenchmark bench = new ReadsBenchmark(offset, tokens.get("JOURNEYLINE_TOKEN_AGENT"));
        PrivacyBenchmark.Stack stack = new PrivacyBenchmark.Stack("this build", offset, tokens);
        DemoData client = DemoData.client(offset, dataDir);

        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> customers = new LinkedHashMap<>();
        customers.put("bench-reads-small-" + run, 1_000);
        customers.put("bench-reads-large-" + run, events);
        long began = System.nanoTime();
        client.catalog();                    // the content the rules' education requests and the assignment name
        for (var customer : customers.entrySet()) {
            PrivacyBenchmark.seed(stack, customer.getKey(), customer.getValue(), 0);
            mix(client, customer.getKey());
        }
        client.awaitHttp();
        client.quiesce();
        System.out.printf("seeded %s: %s timeline entries by SQL, then 9 touchpoints on Kafka (one a linked"
                        + " customer's), 3 survey answers, a complaint, an assignment and a survey wave through the"
                        + " services' APIs (%d call(s) refused); every consumer caught up after %.0f s%n",
                String.join(" and ", customers.keySet()), customers.values().stream()
                        .map(n -> String.format("%,d", n)).reduce((x, y) -> x + " and " + y).orElseThrow(),
                client.httpFailures.get(), (System.nanoTime() - began) / 1e9);
        bench.fillPainPoints(painPoints);
        bench.fillOpenCases(openCases);
        bench.settle();

        List<Read> reads = new ArrayList<>();
        for (String read : List.of("journey view", "timeline page (limit=50)", "pain points", "decisions",
                "identity lookup", "cases", "assignments", "survey answers (timeline)", "survey answer (by id)",
                "survey answers (survey-service)", "survey invitations")) {
            for (var customer : customers.entrySet()) {
                reads.add(bench.customerRead(read, customer.getKey(), String.format("%,d", customer.getValue())));
            }
        }
        reads.addAll(bench.worklists(painPoints, openCases));
        String wanted = only;
        reads.removeIf(read -> wanted != null && !read.name().contains(wanted));
        System.out.println("what each read answers now (agent token):");
        for (Read read : reads) {
            HttpResponse<byte[]> answer = HTTP.send(read.request(), HttpResponse.BodyHandlers.ofByteArray());
            System.out.printf("  %-44s %-9s %d, %,d bytes  %s%n", read.name(), read.history(), answer.statusCode(),
                    answer.body().length, read.request().uri().getPath()
                            + (read.request().uri().getRawQuery() == null ? "" : "?" + read.request().uri().getRawQuery()));
        }
        System.out.println("  a customer's survey answers three ways: journey-service's timeline by type (10), one by id"
                + " from survey-service (as the console reads them), survey-service's own list (10; 404 in a build"
                + " before it had one)");

        // every read for 2 s first: the first read measured would otherwise pay the services' JIT warm-up alone (on a
        // fresh stack the first read measured ran at half the rate it reached a minute later)
        for (Read read : reads) {
            closedLoop(read.request(), connections, Duration.ZERO, Duration.ofSeconds(2));
        }
        long accessLogBefore = bench.accessLogRows();
        List<String> rows = new ArrayList<>();
        for (Read read : reads) {
            Run closed = closedLoop(read.request(), connections, WARM_UP, Duration.ofSeconds(seconds));
            rows.add(row(read, "closed, " + connections + " clients", closed));
            Run open = openLoop(read.request(), rate, Duration.ofSeconds(seconds));
            rows.add(row(read, "open, " + rate + "/s", open));
            System.out.printf("  … %s (%s): closed p99 %.1f ms, open p99 %s%.1f ms%n", read.name(), read.history(),
                    closed.p99(), open.notSent() > 0 ? "≥ " : "", open.p99());
        }
        long accessLogRows = bench.accessLogRows() - accessLogBefore;

        System.out.printf("%nEach read for %d s: closed loop after a %d s warm-up, then open loop (latency from the"
                + " scheduled send time; \"not sent\": the schedule's requests still waiting for one of %d slots at its"
                + " end, counted in the percentiles with the time waited so far: ≥, a lower bound)%n",
                seconds, WARM_UP.toSeconds(), OPEN_LOOP_IN_FLIGHT);
        System.out.printf("%-44s %-9s %-18s %9s %7s %9s %9s %9s %8s %8s%n", "read", "history", "mode", "requests",
                "req/s", "p50 ms", "p99 ms", "max ms", "non-200", "not sent");
        rows.forEach(System.out::println);
        System.out.printf("journey-service wrote %,d access-log rows during the measured reads (the access log is on)%n",
                accessLogRows);
        System.exit(0);
    }

    // --- seeding ---

    /**
     * A handful of everyday events for {@code customer} through the services' own doors, dated the last three hours,
     * so every read has something to return: pain points, decisions, cases, an assignment, an invitation, identifiers.
     */
    private static void mix(DemoData client, String customer) {
        Instant t = Instant.now().minus(Duration.ofHours(3));
        String device = "device-" + customer;
        try (KafkaProducer<String, String> kafka = client.producer()) {
            client.touchpoint(kafka, customer, t, "web", "home", "visit", ",\"identities\":{\"email\":\""
                    + email(customer) + "\",\"deviceId\":\"" + device + "\"}");
            // a second customer on the same device: the two are linked, and the journey view reads the group
            client.touchpoint(kafka, customer + "-linked", t.plusSeconds(60), "app", "home", "visit",
                    ",\"identities\":{\"deviceId\":\"" + device + "\"}");
            client.touchpoint(kafka, customer, t.plusSeconds(5 * 60), "web", "checkout.payment", "purchase",
                    ",\"outcome\":\"success\",\"topic\":\"onboarding\"");
            client.errors(kafka, customer, t.plusSeconds(30 * 60));          // PP-REPEATED-ERRORS: education
            client.touchpoint(kafka, customer, t.plusSeconds(70 * 60), "web", "returns.portal", "self_service",
                    ",\"outcome\":\"failure\",\"topic\":\"returns\"");         // then a call: PP-CHANNEL-SWITCH
            client.touchpoint(kafka, customer, t.plusSeconds(90 * 60), "phone", "hotline", "contact",
                    ",\"topic\":\"returns\",\"waitMs\":240000");
            client.touchpoint(kafka, customer, t.plusSeconds(120 * 60), "chat", "chat", "contact",
                    ",\"topic\":\"returns\"");                                 // two contacts: PP-REPEAT-CONTACT, a case
        }
        client.answer("relationship-nps", "NPS", customer, 3, null, t.plusSeconds(130 * 60));   // a detractor: a case
        client.answer("touchpoint-csat", "CSAT", customer, 2, "setup.wifi", t.plusSeconds(40 * 60));
        client.answer("touchpoint-ces", "CES", customer, 2, "setup.wifi", t.plusSeconds(41 * 60));
        client.post(client.feedback() + "/api/v1/feedback", "agent", """
                {"customerId": "%s", "kind": "complaint", "category": "DELIVERY", "channel": "phone", "topic": "parcel",
                 "text": "The parcel came late and the box was crushed."}""".formatted(customer));
        client.post(client.education() + "/api/v1/customers/" + customer + "/assignments", "agent",
                "{\"contentId\": \"returns-self-service\", \"reason\": \"suggested on the phone\"}");
        client.post(client.survey() + "/api/v1/surveys/relationship-nps/waves", "admin",
                "{\"customers\": [{\"customerId\": \"" + customer + "\"}], \"waveId\": \"wave-" + customer + "\"}");
    }

    private static String email(String customer) {
        return customer + "@example.invalid";
    }

    /**
     * Tops journey-service's pain points up to {@code target} rows by SQL, each with one evidence row: most resolved or
     * dismissed, those of the last 14 days mostly open; detected over the last 180 days, 50,000 customers.
     */
    private void fillPainPoints(int target) throws SQLException {
        String jdbc = jdbc("journey");
        long have = PostgresServer.count(jdbc, "select count(*) from pain_points");
        if (have >= target) {
            System.out.printf("pain-point worklist: %,d rows there already%n", have);
            return;
        }
        long began = System.nanoTime();
        have = topUp(jdbc, "bench-wl-", have, target, 100_000, """
                     with seeded as (
                         insert into pain_points (id, customer_id, rule_id, rule_version, rule_set_version, shadow, status,
                             severity, state_key, topic, touchpoint, detected_at, recorded_at, status_changed_at,
                             status_changed_by, resolution)
                         select id, customer, rule, 1, 1, false, status, severity, topic, topic, touchpoint, detected,
                             detected, case when status = 'OPEN' then null else detected + interval '1 day' end,
                             case when status in ('ACKNOWLEDGED', 'DISMISSED') then 'agent' when status = 'RESOLVED'
                                 then 'journey-service' end,
                             case status when 'RESOLVED' then 'education-completed' when 'DISMISSED' then 'dismissed' end
                         from (select id, customer, rule, severity, topic, touchpoint, detected,
                                   case when detected > now() - interval '14 days'
                                        then (case when g % 10 < 7 then 'OPEN' when g % 10 < 9 then 'ACKNOWLEDGED'
                                              else 'DISMISSED' end)
                                        else (case g % 20 when 0 then 'OPEN' when 1 then 'DISMISSED' when 2 then 'DISMISSED'
                                              else 'RESOLVED' end) end as status
                               from (select g, p.prefix || g as id, p.prefix || 'c' || (g % 50000) as customer,
                                         (array['PP-DETRACTOR', 'PP-LOW-CSAT', 'PP-HIGH-EFFORT', 'PP-REPEAT-CONTACT',
                                                'PP-CHANNEL-SWITCH', 'PP-REPEATED-ERRORS', 'PP-NEW-CUSTOMER', 'PP-STALL',
                                                'PP-MISUNDERSTANDING'])[1 + g % 9] as rule,
                                         (array['LOW', 'NORMAL', 'NORMAL', 'NORMAL', 'HIGH'])[1 + (g / 9) % 5] as severity,
                                         (array['returns', 'billing', 'setup.wifi', 'onboarding', 'delivery',
                                                'refund-policy'])[1 + (g / 45) % 6] as topic,
                                         (array['checkout.payment', 'setup.wifi', 'returns.portal', 'hotline',
                                                'home'])[1 + (g / 7) % 5] as touchpoint,
                                         now() - random() * interval '180 days' as detected
                                     from (select cast(? as text) as prefix) p,
                                         generate_series(?::bigint, ?::bigint) g) numbered) decided
                         returning id, customer_id, detected_at)
                     insert into pain_point_evidence (pain_point_id, event_id, occurred_at, customer_id)
                     select id, id || '-evidence', detected_at, customer_id from seeded""");
        System.out.printf("pain-point worklist: %,d rows (%,d open), written by SQL into journey-service's database"
                        + " (pain_points with one evidence row each) in %.0f s%n", have,
                PostgresServer.count(jdbc, "select count(*) from pain_points where status = 'OPEN'"),
                (System.nanoTime() - began) / 1e9);
    }

    /**
     * Tops feedback-service's open cases up to {@code target} by SQL, each with its two SLA clocks as an open case of
     * its status has them (acknowledge stopped once acknowledged; a clock past its due time breached); one customer and
     * topic each, opened over the last 30 days. No timers: nothing fires while the queue is read.
     */
    private void fillOpenCases(int target) throws SQLException {
        String jdbc = jdbc("feedback");
        long have = PostgresServer.count(jdbc, "select count(*) from cases where status <> 'CLOSED'");
        if (have >= target) {
            System.out.printf("case queue: %,d open cases there already%n", have);
            return;
        }
        long began = System.nanoTime();
        boolean keepsUrgency = PostgresServer.count(jdbc, "select count(*) from information_schema.columns"
                + " where table_name = 'cases' and column_name = 'urgency'") > 0;   // a build before V7 has none
        String insert = """
                     with opened as (
                         insert into cases (id, customer_id, topic, topic_key, status, priority, team, opened_at,
                             updated_at, category, touchpoint)
                         select id, id || '-customer', topic, topic, status, priority, team, opened, opened, 'DELIVERY',
                             'checkout.payment'
                         from (select ? || g as id,
                                   (array['parcel', 'billing', 'returns', 'setup.wifi', 'refund-policy'])[1 + g % 5] as topic,
                                   (array['RECEIVED', 'RECEIVED', 'RECEIVED', 'RECEIVED', 'ACKNOWLEDGED', 'ACKNOWLEDGED',
                                          'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'ESCALATED', 'REOPENED'])[1 + g % 11]
                                       as status,
                                   (array['LOW', 'NORMAL', 'NORMAL', 'NORMAL', 'HIGH', 'CRITICAL'])[1 + (g / 11) % 6]
                                       as priority,
                                   (array[null, 'billing', 'delivery', 'tech'])[1 + (g / 3) % 4] as team,
                                   now() - random() * interval '30 days' as opened
                               from generate_series(?::bigint, ?::bigint) g) c
                         returning id, status, priority, opened_at),
                     clocks as (
                         select id, clock, status, opened_at,
                             case clock when 'ACKNOWLEDGE' then case priority when 'CRITICAL' then 1800000
                                     when 'HIGH' then 14400000 when 'NORMAL' then 86400000 else 172800000 end
                                 else case priority when 'CRITICAL' then 86400000 when 'HIGH' then 172800000
                                     when 'NORMAL' then 432000000 else 864000000 end end as target_ms
                         from opened, (values ('ACKNOWLEDGE'), ('RESOLVE')) as c (clock))
                     insert into case_sla (case_id, clock, target_ms, used_ms, running_since, stopped, warned, breached,
                         due_at)
                     select id, clock, target_ms, 0, case when stopped then null else opened_at end, stopped,
                         due < now() + interval '1 hour' and not stopped, due < now() and not stopped,
                         case when stopped then null else due end
                     from (select *, clock = 'ACKNOWLEDGE' and status <> 'RECEIVED' as stopped,
                               opened_at + target_ms * interval '1 millisecond' as due from clocks) s""";
        String keep = keptUrgency() + " and id in (select ? || g from generate_series(?::bigint, ?::bigint) g)";
        have = topUp(jdbc, "bench-queue-", have, target, 20_000,
                keepsUrgency ? new String[]{insert, keep} : new String[]{insert});
        System.out.printf("case queue: %,d open cases, written by SQL into feedback-service's database (cases with"
                + " their two SLA clocks each) in %.0f s%n", have, (System.nanoTime() - began) / 1e9);
    }

    /**
     * The urgency feedback-service keeps on each open case's row (its most urgent clock, V7) for cases written here by
     * SQL: the statement V7's migration backfills an upgraded database with, read from the migration itself, so the
     * benchmark's rows hold what the service would have kept and there is no second copy of the rule to drift.
     */
    private static String keptUrgency() {
        try {
            String migration = Files.readString(Path.of(
                    "feedback-service/src/main/resources/db/migration/V7__case_queue_keyset.sql"));
            int start = migration.indexOf("update cases set (urgency, urgent_due_at)");
            return migration.substring(start, migration.indexOf(';', start));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("run from the checkout's root, as bench.sh does", e);
        }
    }

    /**
     * Runs {@code statements} — their parameters: a prefix for the ids they write (new each run), the first and the last
     * number of a step — one after the other in steps of {@code step} rows until {@code have} reaches {@code target};
     * the count then.
     */
    private static long topUp(String jdbc, String prefix, long have, int target, int step, String... statements)
            throws SQLException {
        String ids = prefix + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (Connection db = DriverManager.getConnection(jdbc, PostgresServer.USER, PostgresServer.PASSWORD)) {
            long from = 1;
            while (have < target) {
                long rows = Math.min(step, target - have);
                for (String sql : statements) {
                    try (PreparedStatement statement = db.prepareStatement(sql)) {
                        statement.setString(1, ids);
                        statement.setLong(2, from);
                        statement.setLong(3, from + rows - 1);
                        statement.executeUpdate();
                    }
                }
                from += rows;
                have += rows;
            }
        }
        return have;
    }

    /**
     * VACUUM ANALYZE of the tables just written in bulk: a history that grew over months has current statistics and a
     * set visibility map, rows written a second ago have neither until autovacuum comes round, and the plans the reads
     * get would depend on when it did.
     */
    private void settle() throws SQLException {
        long began = System.nanoTime();
        Map<String, List<String>> tables = Map.of(
                "journey", List.of("customers", "timeline_entries", "pain_points", "pain_point_evidence"),
                "feedback", List.of("cases", "case_sla"));
        for (var database : tables.entrySet()) {
            try (Connection db = DriverManager.getConnection(jdbc(database.getKey()), PostgresServer.USER,
                    PostgresServer.PASSWORD); var statement = db.createStatement()) {
                for (String table : database.getValue()) {
                    statement.execute("vacuum analyze " + table);
                }
            }
        }
        System.out.printf("vacuum analyze of the tables written in bulk (%s): %.0f s%n", tables,
                (System.nanoTime() - began) / 1e9);
    }

    private long accessLogRows() throws SQLException {
        return PostgresServer.count(jdbc("journey"), "select count(*) from platform_access_log");
    }

    private String jdbc(String database) {
        return "jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset) + "/" + database;
    }

    /** Whether the services export traces (journeyline.tracing.otlp-endpoint), from their environment in /proc. */
    private static String tracing(LoadBenchmark.Stack processes) {
        List<String> found = new ArrayList<>();
        for (String service : SERVICES) {
            Long pid = processes.pids().get(service + "-service");
            try {
                String endpoint = null;
                for (String variable : Files.readString(Path.of("/proc/" + pid + "/environ")).split("\0")) {
                    if (variable.startsWith("JOURNEYLINE_TRACING_OTLP_ENDPOINT=")) {
                        endpoint = variable.substring(variable.indexOf('=') + 1);
                    }
                }
                found.add(service + " " + (endpoint == null ? "off" : "to " + endpoint));
            } catch (IOException e) {
                found.add(service + " unknown (" + e.getMessage() + ")");
            }
        }
        return String.join(", ", found);
    }

    // --- the reads ---

    /** A read to measure: what it is, the history it reads (a size, or the worklist's volume) and the request. */
    record Read(String name, String history, HttpRequest request) {
    }

    private Read customerRead(String read, String customer, String history) throws Exception {
        String path = switch (read) {
            case "journey view" -> url("journey", "/api/v1/customers/" + customer + "/journey");
            case "timeline page (limit=50)" -> url("journey", "/api/v1/customers/" + customer + "/timeline?limit=50");
            case "pain points" -> url("journey", "/api/v1/customers/" + customer + "/pain-points");
            case "decisions" -> url("journey", "/api/v1/customers/" + customer + "/decisions");
            case "identity lookup" -> url("journey", "/api/v1/customers?identifier="
                    + URLEncoder.encode("email:" + email(customer), StandardCharsets.UTF_8));
            case "cases" -> url("feedback", "/api/v1/customers/" + customer + "/cases");
            case "assignments" -> url("education", "/api/v1/customers/" + customer + "/assignments");
            case "survey answers (timeline)" -> url("journey", "/api/v1/customers/" + customer
                    + "/timeline?type=io.journeyline.survey.responded&limit=10");
            case "survey answer (by id)" -> latestAnswer(customer);
            case "survey answers (survey-service)" -> url("survey", "/api/v1/customers/" + customer + "/responses?limit=10");
            case "survey invitations" -> url("survey", "/api/v1/customers/" + customer + "/invitations");
            default -> throw new IllegalArgumentException(read);
        };
        return new Read(read, history, get(path));
    }

    /** survey-service's read of the customer's latest answer, found as the console finds it: in the timeline. */
    private String latestAnswer(String customer) throws Exception {
        var data = JSON.readTree(HTTP.send(get(url("journey", "/api/v1/customers/" + customer
                        + "/timeline?type=io.journeyline.survey.responded&limit=1")), HttpResponse.BodyHandlers.ofString())
                .body()).path("items").path(0).path("data");
        return url("survey", "/api/v1/surveys/" + data.path("surveyId").asText("none") + "/responses/"
                + data.path("responseId").asText("none"));
    }

    /**
     * The worklists an agent works from: open pain points newest first (page 1, page 2 through the cursor, and a
     * narrow filter) and the case queue (new cases newest first, page 1 and page 2 through its cursor; one priority by
     * urgency). A build whose queue has no cursor answers page 1 to the second read.
     */
    private List<Read> worklists(int painPoints, int openCases) throws Exception {
        String painPointVolume = String.format("%,d pp", painPoints);
        String caseVolume = String.format("%,d open", openCases);
        String first = url("journey", "/api/v1/pain-points?status=OPEN&limit=50");
        String cursor = JSON.readTree(HTTP.send(get(first), HttpResponse.BodyHandlers.ofString()).body())
                .path("nextCursor").asText("");
        List<Read> reads = new ArrayList<>();
        reads.add(new Read("pain-point worklist: OPEN, page 1", painPointVolume, get(first)));
        reads.add(new Read("pain-point worklist: OPEN, page 2 (cursor)", painPointVolume,
                get(first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
        reads.add(new Read("pain-point worklist: OPEN HIGH billing", painPointVolume,
                get(url("journey", "/api/v1/pain-points?status=OPEN&severity=HIGH&topic=billing&limit=50"))));
        String queue = url("feedback", "/api/v1/cases?status=RECEIVED&limit=50");
        String queueCursor = JSON.readTree(HTTP.send(get(queue), HttpResponse.BodyHandlers.ofString()).body())
                .path("nextCursor").asText("");
        reads.add(new Read("case queue: RECEIVED, newest", caseVolume, get(queue)));
        reads.add(new Read("case queue: RECEIVED, page 2 (cursor)", caseVolume,
                get(queue + "&cursor=" + URLEncoder.encode(queueCursor, StandardCharsets.UTF_8))));
        reads.add(new Read("case queue: HIGH by urgency", caseVolume,
                get(url("feedback", "/api/v1/cases?priority=HIGH&order=urgency&limit=50"))));
        return reads;
    }

    private String url(String service, String path) {
        return "http://localhost:" + (LocalStack.SERVICES.get(service) + offset) + path;
    }

    private HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Authorization", "Bearer " + agentToken)
                .GET().build();
    }

    // --- the two modes ---

    /**
     * What a mode measured: the latencies of the answered requests, those of the requests never sent (the time they
     * had waited when the run ended: a lower bound), the answers other than 200 (timeouts and refused connections
     * too) and the run's length.
     */
    record Run(List<Double> answeredMs, List<Double> notSentMs, int non200, double seconds) {
        int requests() {
            return answeredMs.size();
        }

        int notSent() {
            return notSentMs.size();
        }

        double p50() {
            return percentile(0.5);
        }

        double p99() {
            return percentile(0.99);
        }

        double max() {
            return percentile(1.0);
        }

        /** Over every request the schedule asked for: a request not sent is at least as late as it waited. */
        private double percentile(double p) {
            List<Double> all = new ArrayList<>(answeredMs);
            all.addAll(notSentMs);
            return all.isEmpty() ? Double.NaN : PrivacyBenchmark.percentile(all, p);
        }
    }

    /** {@code clients} clients, each sending the next request as soon as the last answer came; a warm-up first. */
    static Run closedLoop(HttpRequest request, int clients, Duration warmUp, Duration length) throws Exception {
        loop(request, clients, warmUp);
        return loop(request, clients, length);
    }

    private static Run loop(HttpRequest request, int clients, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<Run>> parts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            parts.add(pool.submit(() -> {
                List<Double> ms = new ArrayList<>();
                int failed = 0;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    int status = status(request);
                    ms.add((System.nanoTime() - sent) / 1e6);
                    failed += status == 200 ? 0 : 1;
                }
                return new Run(ms, List.of(), failed, 0);
            }));
        }
        List<Double> all = new ArrayList<>();
        int failed = 0;
        for (Future<Run> part : parts) {
            all.addAll(part.get().answeredMs());
            failed += part.get().non200();
        }
        pool.shutdown();
        return new Run(all, List.of(), failed, (System.nanoTime() - start) / 1e9);
    }

    private static int status(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * {@code rate} requests a second on a fixed schedule for {@code length}, whatever the answers do. Each latency runs
     * from the request's scheduled send time, so a request held back (all {@link #OPEN_LOOP_IN_FLIGHT} slots busy)
     * counts the wait; what the schedule could not send before its end is counted apart, with its wait so far.
     */
    static Run openLoop(HttpRequest request, int rate, Duration length) throws Exception {
        int scheduled = (int) (rate * length.toSeconds());
        Semaphore slots = new Semaphore(OPEN_LOOP_IN_FLIGHT);
        List<Double> answered = Collections.synchronizedList(new ArrayList<>(scheduled));
        List<Double> notSent = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        long[] lastAnswer = new long[1];
        long t0 = System.nanoTime();
        long end = t0 + length.toNanos();
        for (int i = 0; i < scheduled; i++) {
            long due = t0 + (long) (i * 1e9 / rate);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long left = end - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                long now = System.nanoTime();
                for (int j = i; j < scheduled; j++) {
                    notSent.add((now - (t0 + (long) (j * 1e9 / rate))) / 1e6);
                }
                break;
            }
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long done = System.nanoTime();
                answered.add((done - due) / 1e6);
                if (failure != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                synchronized (lastAnswer) {
                    lastAnswer[0] = Math.max(lastAnswer[0], done);
                }
                slots.release();
            });
        }
        // the requests still in flight finish (or time out) before the next run starts
        if (!slots.tryAcquire(OPEN_LOOP_IN_FLIGHT, TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            System.out.println("  (requests still unanswered after the timeout; counted as not answered)");
        }
        synchronized (lastAnswer) {
            return new Run(new ArrayList<>(answered), notSent, failed.get(),
                    (Math.max(lastAnswer[0], end) - t0) / 1e9);
        }
    }

    /** A line of the table; with requests not sent, every percentile is a lower bound, marked ≥. */
    private static String row(Read read, String mode, Run run) {
        String bound = run.notSent() == 0 ? "" : "≥";
        return String.format("%-44s %-9s %-18s %,9d %7.0f %9s %9s %9s %,8d %8s", read.name(), read.history(),
                mode, run.requests(), run.requests() / run.seconds(), bound + String.format("%.1f", run.p50()),
                bound + String.format("%.1f", run.p99()), bound + String.format("%.1f", run.max()), run.non200(),
                run.notSent() == 0 ? "-" : String.format("%,d", run.notSent()));
    }
}
