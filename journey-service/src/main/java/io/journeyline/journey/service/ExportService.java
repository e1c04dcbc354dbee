package io.journeyline.journey.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.journeyline.contract.EventJson;
import io.journeyline.journey.config.ExportConfig;
import io.journeyline.platform.privacy.PersonalDataExport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's subject-access export: journey-service's part (with "why was I contacted"), and the other three
 * services' parts fetched from their {@code GET /api/v1/privacy/customers/{id}/data} with the caller's token, all at
 * once, each within {@code journeyline.export.timeout}; a service that does not answer in time, or answers with an
 * error, is named in {@code missing} with why, and the rest is still answered. Personal data never goes on a topic
 * for this.
 */
@ApplicationScoped
public class ExportService {
    private static final Logger LOG = Logger.getLogger(ExportService.class);

    /** The export: every service's part, and which could not be had. */
    public record Export(String customerId, OffsetDateTime generatedAt, Map<String, Object> services,
                         List<Missing> missing) {
    }

    /** A service whose part is not in the export, and why. */
    public record Missing(String service, String reason) {
    }

    private final PersonalDataExport own;
    private final DecisionService decisions;
    private final ExportConfig config;
    private final Clock clock;
    private final HttpClient http;

    public ExportService(PersonalDataExport own, DecisionService decisions, ExportConfig config, Clock clock) {
        this.own = own;
        this.decisions = decisions;
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** The services an export has a part of. */
    public static final int PARTS = 4;

    public Uni<Export> export(String customerId, String authorization) {
        return export(customerId, authorization, () -> {
        });
    }

    /** The export; {@code onPart} runs as each service's part is in (or known missing), for a job's progress. */
    public Uni<Export> export(String customerId, String authorization, Runnable onPart) {
        Map<String, String> others = new LinkedHashMap<>();
        others.put("survey-service", config.surveyServiceUrl());
        others.put("education-service", config.educationServiceUrl());
        others.put("feedback-service", config.feedbackServiceUrl());
        Context context = Vertx.currentContext();
        List<Uni<Object>> remote = others.entrySet().stream()
                .map(service -> fetch(service.getKey(), service.getValue(), customerId, authorization, context)
                        .invoke(ignored -> onPart.run())).toList();
        Uni<Object> local = own.of(customerId).chain(part -> decisions.of(customerId, Integer.MAX_VALUE).map(told -> {
            Map<String, Object> withDecisions = new LinkedHashMap<>(part.data());
            withDecisions.put("decisions", told);
            return (Object) Map.of("service", part.service(), "customerId", customerId, "generatedAt", part.generatedAt(),
                    "data", withDecisions);
        })).invoke(ignored -> onPart.run());
        List<Uni<Object>> all = new ArrayList<>();
        all.add(local);
        all.addAll(remote);
        // all four at once: the other services answer while journey-service reads its own part
        return Uni.join().all(all).andCollectFailures().map(parts -> {
            Map<String, Object> services = new LinkedHashMap<>();
            services.put("journey-service", parts.get(0));
            List<Missing> missing = new ArrayList<>();
            List<String> names = new ArrayList<>(others.keySet());
            for (int i = 1; i < parts.size(); i++) {
                if (parts.get(i) instanceof Missing gap) {
                    missing.add(gap);
                } else {
                    services.put(names.get(i - 1), parts.get(i));
                }
            }
            return new Export(customerId, OffsetDateTime.now(clock), services, missing);
        });
    }

    /** One service's part, or why it is missing (never a failure: the export answers with what it has). */
    private Uni<Object> fetch(String service, String baseUrl, String customerId, String authorization, Context context) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/privacy/customers/"
                        + URLEncoder.encode(customerId, StandardCharsets.UTF_8).replace("+", "%20") + "/data"))
                .timeout(config.timeout()).header("Authorization", authorization).header("Accept", "application/json")
                .GET().build();
        Uni<Object> part = Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        return new Missing(service, "answered " + response.statusCode());
                    }
                    try {
                        return (Object) EventJson.mapper().readValue(response.body(), JsonNode.class);
                    } catch (Exception e) {
                        return new Missing(service, "answered what is not JSON");
                    }
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("the export of a customer misses %s's part: %s", service, failure.toString());
                    return new Missing(service, failure instanceof java.net.http.HttpTimeoutException
                            ? "no answer within " + config.timeout() : "unreachable (" + failure.getClass().getSimpleName() + ")");
                });
        return context == null ? part : part.emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }
}
