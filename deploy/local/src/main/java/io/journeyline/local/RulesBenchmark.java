package io.journeyline.local;

import org.apache.kafka.clients.producer.ProducerRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * journey-service's consumer throughput with the default pain-point rules on versus off, on two running stacks side
 * by side (same build, same machine load, runs interleaved): the "off" stack gets the default rule set with every
 * rule RETIRED through the admin API, the "on" stack keeps (or gets back) every rule ACTIVE. Both receive the same
 * events of 2,000 customers, in one of two mixes:
 * <ul>
 *   <li>{@code everyday} (default): each customer's twenty events are mostly visits, logins and feature use, with a
 *   purchase, some errors (a tenth hit three), a contact (a fifth wait over ten minutes), an NPS answer from a third
 *   and a complaint from a tenth — about 3 % of events complete a pattern;</li>
 *   <li>{@code stress}: ten events per customer, every one matching a rule (errors, contacts, failed self-service,
 *   NPS answers, complaints) — about a quarter of events complete a pattern.</li>
 * </ul>
 * Reports medians and the ratio; asserts nothing.
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.RulesBenchmark
 *     --on 0:deploy/local/data --off 100:/tmp/stack-b [--mix everyday|stress] [--events 20000] [--runs 5]</pre>
 */
public final class RulesBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern RULE_STATE = Pattern.compile("(?m)^(    version: )(\\d+)\\n(    status: )(\\w+)$");

    private RulesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = 20_000;
        int runs = 5;
        String[] on = null;
        String[] off = null;
        String mix = "everyday";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--on" -> on = args[++i].split(":", 2);
                case "--off" -> off = args[++i].split(":", 2);
                case "--mix" -> mix = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (on == null || off == null) {
            throw new IllegalArgumentException("usage: --on OFFSET:DATA_DIR --off OFFSET:DATA_DIR [--events N] [--runs N]");
        }
        int onOffset = Integer.parseInt(on[0]);
        int offOffset = Integer.parseInt(off[0]);
        setRules(onOffset, Path.of(on[1]), "ACTIVE");
        setRules(offOffset, Path.of(off[1]), "RETIRED");

        List<Double> onRates = new ArrayList<>();
        List<Double> offRates = new ArrayList<>();
        ConsumerBenchmark.measure(onOffset, events(mix, 2_000));   // warm-up
        ConsumerBenchmark.measure(offOffset, events(mix, 2_000));
        for (int run = 0; run < runs; run++) {
            double rulesOn = ConsumerBenchmark.measure(onOffset, events(mix, events));
            double rulesOff = ConsumerBenchmark.measure(offOffset, events(mix, events));
            onRates.add(rulesOn);
            offRates.add(rulesOff);
            System.out.printf("run %d: rules on %.0f events/s, rules off %.0f events/s%n", run + 1, rulesOn, rulesOff);
        }
        double medianOn = ConsumerBenchmark.median(onRates);
        double medianOff = ConsumerBenchmark.median(offRates);
        System.out.printf("%d events, %s mix (2,000 customers), %d runs each:%n", events, mix, runs);
        System.out.printf("  rules on  (port offset %d): median %.0f events/s %s%n", onOffset, medianOn, rounded(onRates));
        System.out.printf("  rules off (port offset %d): median %.0f events/s %s%n", offOffset, medianOff, rounded(offRates));
        System.out.printf("  rules on / rules off: %.2f (goal ≥ 0.70)%n", medianOn / medianOff);
    }

    /** Puts every rule of the stack's active set into {@code status} (a new version of each rule that changes). */
    private static void setRules(int offset, Path dataDir, String status) throws Exception {
        String admin = Keys.writtenTokens(dataDir).get("JOURNEYLINE_TOKEN_ADMIN");
        String base = "http://localhost:" + (8081 + offset) + "/api/v1/rules";
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String document = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(body)
                .get("document").asText();
        Matcher matcher = RULE_STATE.matcher(document);
        StringBuilder changed = new StringBuilder();
        boolean any = false;
        while (matcher.find()) {
            boolean differs = !matcher.group(4).equals(status);
            any |= differs;
            int version = Integer.parseInt(matcher.group(2)) + (differs ? 1 : 0);
            matcher.appendReplacement(changed, Matcher.quoteReplacement(matcher.group(1) + version + "\n"
                    + matcher.group(3) + (differs ? status : matcher.group(4))));
        }
        matcher.appendTail(changed);
        if (!any) {
            return;
        }
        HttpResponse<String> saved = HTTP.send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(changed.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 200) {
            throw new IllegalStateException("could not set the rules " + status + " at port offset " + offset + ": "
                    + saved.statusCode() + " " + saved.body());
        }
        System.out.printf("port offset %d: rules %s (%s)%n", offset, status, saved.body());
    }

    static List<ProducerRecord<String, byte[]>> events(String mix, int events) {
        return switch (mix) {
            case "everyday" -> generate(events, 20, RulesBenchmark::everyday);
            case "stress" -> generate(events, 10, RulesBenchmark::stress);
            default -> throw new IllegalArgumentException("unknown mix " + mix + " (everyday, stress)");
        };
    }

    /** One event of a journey: its topic, type and data. */
    private record Event(String topic, String type, String data) {
        static Event touchpoint(String customer, String channel, String touchpoint, String action, String more) {
            return new Event("journey.touchpoints", "io.journeyline.touchpoint.recorded",
                    "{\"customerId\":\"" + customer + "\",\"channel\":\"" + channel + "\",\"touchpoint\":\""
                            + touchpoint + "\",\"action\":\"" + action + "\"" + more + "}");
        }

        static Event feedback(String type, String data) {
            return new Event("journey.feedback", type, data);
        }
    }

    /** The event of step {@code step} of customer number {@code c}; {@code id} is unique in the run. */
    private interface Journey {
        Event step(String customer, int c, int step, String id);
    }

    /**
     * {@code events} records: customer i % 2,000 walks through the journey's steps in order, one step per 2,000
     * events, a minute apart in event time.
     */
    private static List<ProducerRecord<String, byte[]>> generate(int events, int steps, Journey journey) {
        String run = UUID.randomUUID().toString();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
        long base = java.time.Instant.parse("2026-11-23T08:00:00Z").getEpochSecond();
        for (int i = 0; i < events; i++) {
            int c = i % 2_000;
            String customer = "bench-rules-" + run + "-" + c;
            Event event = journey.step(customer, c, (i / 2_000) % steps, run + "-" + i);
            records.add(ConsumerBenchmark.binaryEvent(event.topic(), customer, event.data(), run + "-" + i, "/bench/rules",
                    event.type(), null, java.time.Instant.ofEpochSecond(base + (long) (i / 2_000) * 60).toString()));
        }
        return records;
    }

    /** Twenty steps, mostly visits and use; a purchase, some errors, a contact, an NPS answer, a complaint. */
    private static Event everyday(String customer, int c, int step, String id) {
        Event visit = Event.touchpoint(customer, "web", "home", "visit", "");
        Event use = Event.touchpoint(customer, "app", "dashboard", "feature_use", ",\"outcome\":\"success\"");
        Event error = Event.touchpoint(customer, "app", "setup.wifi", "error", "");
        return switch (step) {
            case 2 -> Event.touchpoint(customer, "web", "signup", "signup", "");
            case 4 -> Event.touchpoint(customer, "web", "checkout.payment", "purchase", "");
            case 5 -> Event.touchpoint(customer, "app", "login", "login", "");
            case 6, 8, 11, 17 -> use;
            case 9 -> error;
            case 12, 13 -> c % 10 == 0 ? error : use;
            case 14 -> Event.touchpoint(customer, "phone", "hotline", "contact",
                    ",\"topic\":\"billing\",\"waitMs\":" + (c % 5 == 0 ? 700_000 : 60_000));
            case 16 -> c % 3 != 0 ? visit : nps(customer, c, id);
            case 18 -> c % 10 != 0 ? visit : complaint(customer, c % 20 == 0 ? "MISUNDERSTANDING" : "BILLING_FEES",
                    "refund-policy", id);
            default -> visit;
        };
    }

    /** Ten steps, every one matching a rule. */
    private static Event stress(String customer, int c, int step, String id) {
        return switch (step) {
            case 0 -> Event.touchpoint(customer, "web", "home", "visit", "");
            case 1 -> Event.touchpoint(customer, "web", "checkout.payment", "purchase", "");
            case 2, 3, 4 -> Event.touchpoint(customer, "app", "setup.wifi", "error", "");
            case 5 -> Event.touchpoint(customer, "phone", "hotline", "contact",
                    ",\"topic\":\"returns\",\"waitMs\":" + (c % 2 == 0 ? 700_000 : 60_000));
            case 6 -> Event.touchpoint(customer, "web", "returns.portal", "self_service",
                    ",\"topic\":\"returns\",\"outcome\":\"failure\"");
            case 7 -> Event.touchpoint(customer, "app", "dashboard", "feature_use", ",\"outcome\":\"success\"");
            case 8 -> nps(customer, c, id);
            default -> complaint(customer, c % 4 == 0 ? "MISUNDERSTANDING" : "DELIVERY", "refund-policy-" + (c % 5), id);
        };
    }

    private static Event nps(String customer, int c, String id) {
        return Event.feedback("io.journeyline.survey.responded", "{\"customerId\":\"" + customer
                + "\",\"surveyId\":\"nps\",\"surveyKind\":\"NPS\",\"responseId\":\"r-" + id
                + "\",\"scores\":{\"primary\":" + (c % 11) + "}}");
    }

    private static Event complaint(String customer, String category, String topic, String id) {
        return Event.feedback("io.journeyline.feedback.received", "{\"customerId\":\"" + customer
                + "\",\"feedbackId\":\"f-" + id + "\",\"kind\":\"complaint\",\"category\":\"" + category
                + "\",\"channel\":\"phone\",\"topic\":\"" + topic + "\"}");
    }
    private static String rounded(List<Double> rates) {
        return rates.stream().map(rate -> String.format("%.0f", rate)).toList().toString();
    }
}
