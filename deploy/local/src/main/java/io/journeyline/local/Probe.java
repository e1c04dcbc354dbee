package io.journeyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Tries, against a running stack, what an outside system might send to break it — over HTTP and straight onto Kafka
 * — and prints what each got, beside what it should get: a user's way to check a deployment keeps its promises
 * (nothing accepted is lost, flooded or forged). Exits 1 when any probe got something else.
 *
 * <pre>deploy/local/probe.sh [--port-offset N] [--data-dir DIR]</pre>
 */
public final class Probe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CE = "application/cloudevents+json";
    private static final String DLQ = "journey.touchpoints.dlq";

    private final int offset;
    private final Path dataDir;
    private final Map<String, String> tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<Result> results = new ArrayList<>();

    /** One probe: what was tried, what it should get, what it got. */
    record Result(String probe, String expected, String got, boolean ok) {
    }

    Probe(int offset, Path dataDir) throws java.io.IOException {
        this.offset = offset;
        this.dataDir = dataDir;
        this.tokens = Keys.writtenTokens(dataDir);
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: probe.sh [--port-offset N] [--data-dir DIR]   (unknown argument " + args[i] + ")");
                    System.exit(2);
                }
            }
        }
        Probe probe = new Probe(offset, dataDir);
        List<Result> results = probe.runAll();
        System.out.println(table(results));
        System.exit(results.stream().allMatch(Result::ok) ? 0 : 1);
    }

    /** Every probe: who may call, HTTP bodies, then Kafka (checked through the dead-letter topic and the timeline). */
    List<Result> runAll() throws Exception {
        accessProbes();
        httpProbes();
        kafkaProbes();
        return results;
    }

    private void accessProbes() throws Exception {
        String customer = "probe-access-" + run;
        String event = touchpoint(customer, "web").toString();
        expectStatus("ingest: no token", 401, post(8081, "/api/v1/events", CE, null, event));
        expectStatus("ingest: a token for another audience", 401, post(8081, "/api/v1/events", CE,
                minted("someone-else", "ingest", Duration.ofHours(1), Map.of()), event));
        expectStatus("ingest: a token living 30 days", 401, post(8081, "/api/v1/events", CE,
                minted(Keys.AUDIENCE, "ingest", Duration.ofDays(30), Map.of()), event));
        expectStatus("ingest: an agent's token", 403, post(8081, "/api/v1/events", CE, bearer("JOURNEYLINE_TOKEN_AGENT"), event));
        expectStatus("ingest: a client bound to /shop/* sending /probe", 403, post(8081, "/api/v1/events", CE,
                minted(Keys.AUDIENCE, "ingest", Duration.ofHours(1), Map.of("journeyline_sources", List.of("/shop/*"))), event));
        HttpResponse<String> consent = send(HttpRequest.newBuilder(URI.create("http://localhost:" + (8081 + offset)
                        + "/api/v1/customers/" + customer + "-new/consents")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", bearer("JOURNEYLINE_TOKEN_AGENT"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"consents\":[{\"purpose\":\"marketing\",\"channel\":\"any\","
                        + "\"granted\":false}]}")).build());
        expectStatus("consent: an opt-out for a customer with no events yet", 200, consent);
        HttpResponse<String> publicMetrics = get(8081, "/q/metrics", null);
        record("/q/metrics on the public port", "404", Integer.toString(publicMetrics.statusCode()),
                publicMetrics.statusCode() == 404);
        HttpResponse<String> managementMetrics = get(9081, "/q/metrics", null);
        record("/q/metrics on the management port", "200", Integer.toString(managementMetrics.statusCode()),
                managementMetrics.statusCode() == 200);
    }

    /** A token signed with the stack's key and issuer, for {@code audience}, living {@code lifetime}. */
    private String minted(String audience, String role, Duration lifetime, Map<String, Object> claims) throws Exception {
        return "Bearer " + Keys.token(dataDir, issuer(), audience, role, lifetime, claims);
    }

    /** The issuer of the tokens the run command printed (the stack's own). */
    private String issuer() throws Exception {
        String payload = tokens.get("JOURNEYLINE_TOKEN_INGEST").split("\\.")[1];
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).path("iss").asText();
    }

    private void httpProbes() throws Exception {
        String customer = "probe-http-" + run;
        String ingest = bearer("JOURNEYLINE_TOKEN_INGEST");
        expectStatus("ingest: a valid touchpoint (control)", 202,
                post(8081, "/api/v1/events", CE, ingest, touchpoint(customer, "web").toString()));
        expectStatus("ingest: U+0000 in a string", 400,
                post(8081, "/api/v1/events", CE, ingest, touchpoint(customer, "we\u0000b").toString()));
        expectStatus("ingest: a lone surrogate", 400,
                post(8081, "/api/v1/events", CE, ingest, touchpoint(customer, "x").toString().replace("\"touchpoint\":\"x\"",
                        "\"touchpoint\":\"caf\\ud800\"")));
        expectStatus("ingest: an object nested 5,000 deep", 400,
                post(8081, "/api/v1/events", CE, ingest, withAttributes(customer, "{\"a\":".repeat(5000) + "1" + "}".repeat(5000))));
        expectStatus("ingest: 1e400 and 2^63 (not I-JSON)", 400,
                post(8081, "/api/v1/events", CE, ingest, withAttributes(customer, "{\"x\":1e400,\"y\":9223372036854775808}")));
        expectStatus("ingest: a 2 MB body", 413,
                post(8081, "/api/v1/events", CE, ingest, withAttributes(customer, "{\"blob\":\"" + "x".repeat(2_000_000) + "\"}")));
        expectStatus("ingest: 255,000 × 1e6 (1 MB sent, 2.5 MB once written out)", 413,
                post(8081, "/api/v1/events", CE, ingest, withAttributes(customer, "{\"n\":[" + "1e6,".repeat(254_999) + "1e6]}")));
        ObjectNode completion = envelope("io.journeyline.education.completed", "/probe", customer,
                JSON.createObjectNode().put("customerId", customer).put("assignmentId", "a-1").put("contentId", "c-1")
                        .put("reason", "probe"));
        expectStatus("ingest: another service's type (education.completed)", 400,
                post(8081, "/api/v1/events", CE, ingest, completion.toString()));
        ObjectNode posing = touchpoint(customer, "web");
        posing.put("source", "/journeyline/education-service");
        expectStatus("ingest: a Journeyline service's source", 403, post(8081, "/api/v1/events", CE, ingest, posing.toString()));

        StringBuilder nuls = new StringBuilder("{\"answers\":{");
        for (int i = 0; i < 10_000; i++) {
            nuls.append(i == 0 ? "" : ",").append("\"q").append(i).append("\":\"\\u0000\"");
        }
        String nulBody = nuls.append("},\"complete\":false}").toString();
        HttpResponse<String> answered = post(8082, "/api/v1/responses/no-such-token", "application/json", null, nulBody);
        record("public answer route: 10,000 NULs, any token", "400, smaller than the request",
                answered.statusCode() + ", " + answered.body().length() + " bytes for " + nulBody.length(),
                answered.statusCode() == 400 && answered.body().length() < nulBody.length());
        expectStatus("public answer route: nested 40 deep, any token", 400, post(8082, "/api/v1/responses/no-such-token",
                "application/json", null, "{\"answers\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}"));
    }

    private void kafkaProbes() throws Exception {
        String customer = "probe-kafka-" + run;
        Map<String, String> binary = Map.of("content-type", "application/json");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            ObjectNode valid = touchpoint(customer, "web");
            Map<String, String> structured = Map.of("content-type", CE);
            send(producer, customer, valid.toString(), structured);
            send(producer, customer, valid.toString(), structured); // the same event again
            Map<String, String> hostile = new LinkedHashMap<>(); // probe → the dead-letter reason it should get
            send(producer, customer, touchpoint(customer, "a\u0000b").toString(), structured);
            hostile.put("kafka: U+0000 in a string", "schema-violation");
            send(producer, customer, withAttributes(customer, "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)), structured);
            hostile.put("kafka: an object nested 5,000 deep", "schema-violation");
            send(producer, customer, withAttributes(customer, "{\"x\":1e400}"), structured);
            hostile.put("kafka: 1e400 (not I-JSON)", "schema-violation");
            send(producer, customer, envelope("io.journeyline.education.completed", "/journeyline/education-service",
                    customer, JSON.createObjectNode().put("customerId", customer).put("assignmentId", "a-1")
                            .put("contentId", "c-1").put("reason", "probe")).toString(), structured);
            hostile.put("kafka: education-service's completion on journey.touchpoints", "wrong-topic");
            ObjectNode posing = touchpoint(customer, "web");
            posing.put("source", "/journeyline/journey-service");
            send(producer, customer, posing.toString(), structured);
            hostile.put("kafka: a touchpoint claiming journey-service's source", "reserved-source");
            send(producer, customer, "{" + "x".repeat(1_048_576 - 400), binary);
            hostile.put("kafka: a 1 MB record that is not JSON", "malformed-json");
            String sentinel = "sentinel-" + run;
            send(producer, customer, "not json " + sentinel, binary);

            List<ConsumerRecord<String, byte[]>> deadLetters = readUntil(DLQ, record -> customer.equals(record.key()),
                    record -> new String(record.value(), StandardCharsets.UTF_8).endsWith(sentinel), Duration.ofSeconds(60));
            List<String> reasons = deadLetters.stream().map(record -> header(record, "dlq-reason")).toList();
            int i = 0;
            for (Map.Entry<String, String> probe : hostile.entrySet()) {
                String got = i < reasons.size() ? "dead letter: " + reasons.get(i) : "no dead letter";
                record(probe.getKey(), "dead letter: " + probe.getValue(), got,
                        i < reasons.size() && reasons.get(i).equals(probe.getValue()));
                i++;
            }
            ConsumerRecord<String, byte[]> big = deadLetters.stream().filter(r -> r.value().length > 1_000_000
                    || header(r, "dlq-truncated") != null).findFirst().orElse(null);
            record("kafka: the 1 MB record's dead letter fits the broker", "a cut copy (dlq-truncated)",
                    big == null ? "none" : abbreviate("dlq-truncated: " + header(big, "dlq-truncated")),
                    big != null && header(big, "dlq-truncated") != null);

            HttpResponse<String> timeline = get(8081, "/api/v1/customers/" + customer + "/timeline?limit=50",
                    bearer("JOURNEYLINE_TOKEN_AGENT"));
            long copies = 0;
            long others = 0;
            for (JsonNode item : JSON.readTree(timeline.body()).path("items")) {
                if (valid.get("id").asText().equals(item.path("eventId").asText())) {
                    copies++;
                } else if (!item.path("source").asText().startsWith("/journeyline/")) {
                    others++;
                }
            }
            record("kafka: a valid event sent twice, beside the hostile ones", "once in the timeline, nothing else",
                    copies + " time(s), " + others + " other event(s)", copies == 1 && others == 0);
        }
        for (int port = 8081; port <= 8084; port++) {
            HttpResponse<String> ready = getReady(port);
            record("readiness of the service on " + (port + offset) + " (management " + (port + 1000 + offset) + ")",
                    "200", Integer.toString(ready.statusCode()), ready.statusCode() == 200);
        }
    }

    private HttpResponse<String> getReady(int port) throws Exception {
        return get(port + 1000, "/q/health/ready", null);
    }

    private void expectStatus(String probe, int expected, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        String got = response.statusCode() + (body.isEmpty() ? "" : " " + abbreviate(body));
        record(probe, Integer.toString(expected), got, response.statusCode() == expected);
    }

    private void record(String probe, String expected, String got, boolean ok) {
        results.add(new Result(probe, expected, got, ok));
    }

    private String bearer(String variable) {
        String token = tokens.get(variable);
        if (token == null) {
            throw new IllegalStateException(variable + " is not in tokens.env: is the stack running (deploy/local/run.sh)?");
        }
        return "Bearer " + token;
    }

    private HttpResponse<String> post(int port, String path, String contentType, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + (port + offset) + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + (port + offset) + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** The response; a connection the server closed or refused counts as status -1 with why. */
    private HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return new Failed(request, e);
        }
    }

    private static ObjectNode touchpoint(String customer, String touchpoint) {
        return envelope("io.journeyline.touchpoint.recorded", "/probe", customer, JSON.createObjectNode()
                .put("customerId", customer).put("channel", "web").put("touchpoint", touchpoint).put("action", "visit"));
    }

    /** A touchpoint whose {@code data.attributes} is the given JSON text, as sent (not re-serialised). */
    private static String withAttributes(String customer, String attributes) {
        ObjectNode event = touchpoint(customer, "home");
        ((ObjectNode) event.get("data")).put("attributes", "PLACEHOLDER");
        return event.toString().replace("\"PLACEHOLDER\"", attributes);
    }

    private static ObjectNode envelope(String type, String source, String customer, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", source).put("type", type)
                .put("time", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString()).put("subject", customer);
        event.set("data", data);
        return event;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (9092 + offset));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        return new KafkaProducer<>(props);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String value,
                             Map<String, String> headers) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("journey.touchpoints", key,
                value.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    private List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
                                                          Predicate<ConsumerRecord<String, byte[]>> sentinel,
                                                          Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + (9092 + offset));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "2097152");
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        matching.add(record);
                        if (sentinel.test(record)) {
                            return matching;
                        }
                    }
                }
            }
        }
        return matching;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 90 ? flat.substring(0, 87) + "..." : flat;
    }

    /** The results as a table: probe, expected, got, and ok or FAILED. */
    static String table(List<Result> results) {
        Map<String, Integer> width = new LinkedHashMap<>();
        width.put("probe", results.stream().mapToInt(r -> r.probe().length()).max().orElse(5));
        width.put("expected", results.stream().mapToInt(r -> r.expected().length()).max().orElse(8));
        StringBuilder out = new StringBuilder();
        String format = "%-" + width.get("probe") + "s  %-" + width.get("expected") + "s  %-6s  %s%n";
        out.append(String.format(format, "probe", "expected", "", "got"));
        for (Result r : results) {
            out.append(String.format(format, r.probe(), r.expected(), r.ok() ? "ok" : "FAILED", r.got()));
        }
        long failed = results.stream().filter(r -> !r.ok()).count();
        out.append(failed == 0 ? "all " + results.size() + " probes got what they should"
                : failed + " of " + results.size() + " probes got something else");
        return out.toString();
    }

    /** A request that got no HTTP answer at all. */
    private record Failed(HttpRequest request, java.io.IOException failure) implements HttpResponse<String> {
        public int statusCode() {
            return -1;
        }

        public String body() {
            return failure.toString();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(new HashMap<>(), (a, b) -> true);
        }

        public URI uri() {
            return request.uri();
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }
    }
}
