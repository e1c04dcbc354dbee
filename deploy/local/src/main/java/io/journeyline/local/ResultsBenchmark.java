package io.journeyline.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * survey-service's results over a large survey, against a running local stack; prints medians, asserts nothing.
 * Defines a two-item NPS survey over the admin API, writes {@code --responses} responses to it straight into the
 * survey database (8 touchpoints, 5 channels, 4 segments, 90 days; a headline and a Likert item each), then times
 * {@code GET /api/v1/surveys/{id}/results} and {@code GET /api/v1/results?kind=NPS}, {@code --runs} times each.
 *
 * <pre>java -cp deploy/local/target/local-stack.jar io.journeyline.local.ResultsBenchmark [--port-offset 0]
 *     [--data-dir deploy/local/data] [--responses 1000000] [--runs 10]</pre>
 */
public final class ResultsBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ResultsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int responses = 1_000_000;
        int runs = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--responses" -> responses = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, String> tokens = Keys.writtenTokens(dataDir);
        String survey = "http://localhost:" + (8082 + offset);
        String surveyId = "bench-nps-" + UUID.randomUUID().toString().substring(0, 8);
        send(HttpRequest.newBuilder(URI.create(survey + "/api/v1/surveys"))
                .header("Authorization", "Bearer " + tokens.get("JOURNEYLINE_TOKEN_ADMIN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "%s", "name": "Benchmark NPS", "kind": "NPS", "defaultLanguage": "en", "headline": "recommend",
                         "items": [{"id": "recommend", "type": "RATING", "text": {"en": "Recommend?"}},
                                   {"id": "ease", "type": "RATING", "theme": "CONVENIENCE", "dimension": "RELIABILITY",
                                    "text": {"en": "Easy?"}}]}""".formatted(surveyId))).build(), 201);

        long seeding = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + (LocalStack.POSTGRES_PORT + offset)
                + "/survey", PostgresServer.USER, PostgresServer.PASSWORD); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into survey_responses (id, survey_id, survey_kind, customer_id, score, touchpoint, channel,
                        segment, responded_at, survey_version)
                    select '%1$s-' || g, '%1$s', 'NPS', 'bench-' || (g %% 200000), (g::bigint * 7919 %% 11),
                        'touchpoint-' || (g %% 8), (array['email','sms','app','web','phone'])[1 + g %% 5],
                        (array['new','regular','premium','lapsed'])[1 + g %% 4],
                        now() - ((g %% 129600) || ' minutes')::interval, 1
                    from generate_series(1, %2$d) g""".formatted(surveyId, responses));
            sql.execute("""
                    insert into response_items (response_id, survey_id, item_id, scale, theme, dimension, score, responded_at)
                    select id, survey_id, 'recommend', 'NPS', null, null, score, responded_at
                    from survey_responses where survey_id = '%1$s'
                    union all
                    select id, survey_id, 'ease', 'LIKERT', 'CONVENIENCE', 'RELIABILITY', 1 + (score::int %% 5), responded_at
                    from survey_responses where survey_id = '%1$s'""".formatted(surveyId));
            sql.execute("analyze survey_responses; analyze response_items");
            try (ResultSet count = sql.executeQuery("select count(*) from response_items where survey_id = '" + surveyId + "'")) {
                count.next();
                System.out.printf("%,d responses and %,d rating items written in %.1f s%n", responses, count.getLong(1),
                        (System.nanoTime() - seeding) / 1e9);
            }
        }

        String supervisor = "Bearer " + tokens.get("JOURNEYLINE_TOKEN_SUPERVISOR");
        for (String path : List.of("/api/v1/surveys/" + surveyId + "/results?bucket=week", "/api/v1/results?kind=NPS&bucket=week")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(survey + path)).header("Authorization", supervisor).build();
            send(request, 200);                                  // warm-up
            List<Double> millis = new ArrayList<>();
            String body = null;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                body = send(request, 200);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(millis);
            System.out.printf("GET %s: median %.0f ms, min %.0f, max %.0f (%d runs)%n", path.replace(surveyId, "{id}"),
                    ConsumerBenchmark.median(millis), millis.get(0), millis.get(millis.size() - 1), runs);
            System.out.println("  headline: " + body.substring(body.indexOf("\"headline\""), Math.min(body.length(),
                    body.indexOf("\"headline\"") + 220)));
        }
    }

    private static String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
