package io.journeyline.console.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.console.config.ConsoleConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services' public APIs, called as the signed-in person: every request carries that person's access token
 * (from the identity provider, kept in the encrypted session), so each service checks the person's roles and audits
 * the person, never the console. A service that fails or does not answer within {@code request-timeout} gives a
 * {@link Reply} saying so; the page shows what the others answered.
 */
@ApplicationScoped
public class Api {
    /** The four services, named as they name themselves in their problems and logs. */
    public enum Service {
        JOURNEY("journey-service"), SURVEY("survey-service"), EDUCATION("education-service"),
        FEEDBACK("feedback-service");

        public final String title;

        Service(String title) {
            this.title = title;
        }
    }

    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    private final WebClient client;
    private final ConsoleConfig config;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    Api(Vertx vertx, ConsoleConfig config, SecurityIdentity identity, ObjectMapper json) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000).setKeepAlive(true)
                .setMaxPoolSize(32).setUserAgent("journeyline-console"));
        this.config = config;
        this.identity = identity;
        this.json = json;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** GET {@code path} (segments already encoded with {@link #segment}) with {@code query}'s non-blank values. */
    public Uni<Reply> get(Service service, String path, Map<String, ?> query) {
        return send(HttpMethod.GET, service, path, query, null);
    }

    public Uni<Reply> get(Service service, String path) {
        return get(service, path, Map.of());
    }

    /** POST {@code body} as JSON (null: no body). */
    public Uni<Reply> post(Service service, String path, Object body) {
        return send(HttpMethod.POST, service, path, Map.of(), body);
    }

    public Uni<Reply> post(Service service, String path, Map<String, ?> query, Object body) {
        return send(HttpMethod.POST, service, path, query, body);
    }

    /** POST {@code body}: a String goes as it is (a YAML or JSON document, with {@code contentType}), else as JSON. */
    public Uni<Reply> post(Service service, String path, Map<String, ?> query, Object body, String contentType) {
        return send(HttpMethod.POST, service, path, query, body, contentType);
    }

    /** PUT {@code body}: a String goes as it is (a YAML or JSON document, with {@code contentType}), else as JSON. */
    public Uni<Reply> put(Service service, String path, Map<String, ?> query, Object body, String contentType) {
        return send(HttpMethod.PUT, service, path, query, body, contentType);
    }

    private Uni<Reply> send(HttpMethod method, Service service, String path, Map<String, ?> query, Object body) {
        return send(method, service, path, query, body, "application/json");
    }

    private Uni<Reply> send(HttpMethod method, Service service, String path, Map<String, ?> query, Object body,
                            String contentType) {
        HttpRequest<Buffer> request = client.requestAbs(method, baseUrl(service) + path)
                .timeout(config.requestTimeout().toMillis())
                .putHeader("Accept", "application/json, application/problem+json");
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token.getToken());
        }
        query.forEach((name, value) -> {
            if (value instanceof List<?> values) {
                values.stream().filter(v -> v != null && !v.toString().isBlank())
                        .forEach(v -> request.addQueryParam(name, v.toString()));
            } else if (value != null && !value.toString().isBlank()) {
                request.addQueryParam(name, value.toString());
            }
        });
        Uni<HttpResponse<Buffer>> response;
        if (body == null) {
            response = request.send();
        } else {
            request.putHeader("Content-Type", contentType);
            try {
                response = request.sendBuffer(Buffer.buffer(body instanceof String text ? text
                        : json.writeValueAsString(body)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return response.ifNoItem().after(config.requestTimeout()).fail().map(this::reply)
                .onFailure().recoverWithItem(failure -> Reply.unreachable(service.title + " did not answer ("
                        + failure.getClass().getSimpleName() + ")"));
    }

    private Reply reply(HttpResponse<Buffer> response) {
        Object body = null;
        String text = response.bodyAsString();
        if (text != null && !text.isBlank()) {
            try {
                body = json.readValue(text, ANY);
            } catch (java.io.IOException e) {
                body = text;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach(header -> headers.put(header.getKey().toLowerCase(java.util.Locale.ROOT),
                header.getValue()));
        return new Reply(response.statusCode(), body, headers, null);
    }

    private String baseUrl(Service service) {
        return switch (service) {
            case JOURNEY -> config.journeyUrl();
            case SURVEY -> config.surveyUrl();
            case EDUCATION -> config.educationUrl();
            case FEEDBACK -> config.feedbackUrl();
        };
    }

    /**
     * One path segment, percent-encoded (a customer id may hold anything the contract allows). "." and ".." are
     * refused (404): a server normalises them away even percent-encoded, so they would name another path.
     */
    public static String segment(String value) {
        if (value.equals(".") || value.equals("..")) {
            throw new jakarta.ws.rs.NotFoundException("no such id: " + value);
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
