package io.journeyline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stack's identity provider, for the console's sign-in: a small OpenID Connect provider (authorization
 * code flow with PKCE, discovery, JWKS, RP-initiated logout) whose sign-in page lets you pick one of the roles the
 * stack prints — no passwords, development only. It signs with the stack's own key and issuer, so the four services
 * accept its access tokens as they accept the printed ones, and what a person does in the console is audited under
 * that person's name. Elsewhere the console signs in against the company's provider the same way.
 */
final class DevIdentityProvider implements AutoCloseable {
    /** The console's client registration. */
    static final String CLIENT_ID = "journeyline-console";
    private static final String KEY_ID = "local-stack";
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Where a code may be sent: a console on this machine, at any port (RFC 8252's rule for loopback redirects), so a
     * developer's console from the IDE signs in too; the stack's own console is at {@code consoleUrl}.
     */
    private static final java.util.regex.Pattern LOOPBACK = java.util.regex.Pattern.compile(
            "http://(localhost|127\\.0\\.0\\.1):[0-9]{1,5}/[^#]*");

    /** The people the sign-in page offers, one per role a person has (ingest is for systems, not people). */
    record Person(String subject, String name, String role) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("ada", "Ada Agent", "agent"),
            new Person("sam", "Sam Supervisor", "supervisor"),
            new Person("alex", "Alex Admin", "admin"),
            new Person("pat", "Pat Privacy", "privacy"));

    private record Grant(Person person, String redirectUri, String nonce, String codeChallenge, Instant expires) {
    }

    private final HttpServer server;
    private final String url;
    private final String clientSecret;
    private final String consoleUrl;
    private final PrivateKey key;
    private final RSAPublicKey publicKey;
    private final Duration sessionLifetime;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    private DevIdentityProvider(HttpServer server, String clientSecret, String consoleUrl, PrivateKey key,
                                RSAPublicKey publicKey, Duration sessionLifetime) {
        this.server = server;
        this.url = "http://localhost:" + server.getAddress().getPort();
        this.clientSecret = clientSecret;
        this.consoleUrl = consoleUrl;
        this.key = key;
        this.publicKey = publicKey;
        this.sessionLifetime = sessionLifetime;
    }

    /**
     * Starts on {@code port} of the loopback interface, for the console at {@code consoleUrl} with {@code
     * clientSecret}; its tokens (and so a console session) live {@code sessionLifetime}.
     */
    static DevIdentityProvider start(Path dataDir, int port, String consoleUrl, String clientSecret,
                                     Duration sessionLifetime) throws Exception {
        PrivateKey key = KeyUtils.decodePrivateKey(Files.readString(dataDir.resolve("keys/privateKey.pem")));
        RSAPublicKey publicKey = (RSAPublicKey) KeyUtils.decodePublicKey(
                Files.readString(dataDir.resolve("keys/publicKey.pem")));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        DevIdentityProvider provider = new DevIdentityProvider(server, clientSecret, consoleUrl, key, publicKey,
                sessionLifetime);
        server.createContext("/", provider::handle);
        server.start();
        return provider;
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "/jwks" -> json(exchange, 200, Map.of("keys", List.of(jwk())));
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/logout" -> logout(exchange);
                default -> text(exchange, 404, "text/plain", "not found");
            }
        } catch (RuntimeException e) {
            text(exchange, 500, "text/plain", "the local identity provider failed: " + e.getMessage());
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", Keys.LOCAL_ISSUER);
        metadata.put("authorization_endpoint", url + "/authorize");
        metadata.put("token_endpoint", url + "/token");
        metadata.put("jwks_uri", url + "/jwks");
        metadata.put("end_session_endpoint", url + "/logout");
        metadata.put("response_types_supported", List.of("code"));
        metadata.put("grant_types_supported", List.of("authorization_code"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        metadata.put("code_challenge_methods_supported", List.of("S256"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        metadata.put("scopes_supported", List.of("openid", "profile"));
        return metadata;
    }

    private Map<String, Object> jwk() {
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", KEY_ID,
                "n", base64Url(publicKey.getModulus()), "e", base64Url(publicKey.getPublicExponent()));
    }

    /** GET: the sign-in page (pick a role); POST: the pick, answered with a code for the console. */
    private void authorize(HttpExchange exchange) throws IOException {
        boolean post = exchange.getRequestMethod().equals("POST");
        Map<String, String> params = post ? form(exchange) : query(exchange.getRequestURI());
        String redirectUri = params.getOrDefault("redirect_uri", "");
        if (!CLIENT_ID.equals(params.get("client_id")) || !LOOPBACK.matcher(redirectUri).matches()) {
            text(exchange, 400, "text/plain", "unknown client or redirect_uri (this provider serves only a console"
                    + " on this machine, such as " + consoleUrl + ")");
            return;
        }
        if (!"code".equals(params.get("response_type")) || !"S256".equals(params.get("code_challenge_method"))
                || params.getOrDefault("code_challenge", "").isBlank()) {
            text(exchange, 400, "text/plain", "only response_type=code with a PKCE S256 code_challenge");
            return;
        }
        if (!post) {
            text(exchange, 200, "text/html;charset=UTF-8", signInPage(params));
            return;
        }
        Person person = PEOPLE.stream().filter(p -> p.subject().equals(params.get("person"))).findFirst()
                .orElse(null);
        if (person == null) {
            text(exchange, 400, "text/plain", "pick one of the people offered");
            return;
        }
        String code = random();
        codes.values().removeIf(grant -> grant.expires().isBefore(Instant.now()));   // codes never redeemed
        codes.put(code, new Grant(person, redirectUri, params.get("nonce"), params.get("code_challenge"),
                Instant.now().plus(CODE_LIFETIME)));
        String state = params.get("state");
        redirect(exchange, redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + encode(code)
                + (state == null ? "" : "&state=" + encode(state)));
    }

    private String signInPage(Map<String, String> params) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "state", "nonce", "scope",
                "code_challenge", "code_challenge_method")) {
            if (params.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(params.get(name))).append("\">");
            }
        }
        StringBuilder buttons = new StringBuilder();
        for (Person person : PEOPLE) {
            buttons.append("<li><button type=\"submit\" name=\"person\" value=\"").append(person.subject())
                    .append("\">").append(escape(person.name())).append(" — <code>").append(person.role())
                    .append("</code></button></li>");
        }
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Journeyline local sign-in</title>"
                + "</head><body><main><h1>Journeyline local sign-in</h1>"
                + "<p>Development only: pick who you are; the local stack's services trust this provider."
                + " 仅用于本地开发：请选择身份。</p>"
                + "<form method=\"post\" action=\"/authorize\">" + hidden + "<ul>" + buttons + "</ul></form>"
                + "</main></body></html>";
    }

    /** The code for tokens: one use, within a minute, for the redirect it was given to, with the PKCE verifier. */
    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            json(exchange, 405, Map.of("error", "invalid_request"));
            return;
        }
        Map<String, String> params = form(exchange);
        if (!clientAuthenticated(exchange, params)) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        Grant grant = params.get("code") == null ? null : codes.remove(params.get("code"));
        if (!"authorization_code".equals(params.get("grant_type")) || grant == null
                || grant.expires().isBefore(Instant.now()) || !grant.redirectUri().equals(params.get("redirect_uri"))
                || !grant.codeChallenge().equals(s256(params.getOrDefault("code_verifier", "")))) {
            json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Person person = grant.person();
        Instant now = Instant.now();
        var id = Jwt.issuer(Keys.LOCAL_ISSUER).subject(person.subject()).audience(CLIENT_ID)
                .claim("name", person.name()).claim("preferred_username", person.subject())
                .groups(Set.of(person.role())).issuedAt(now).expiresAt(now.plus(sessionLifetime))
                .claim("auth_time", now.getEpochSecond());
        if (grant.nonce() != null) {
            id.claim("nonce", grant.nonce());
        }
        String access = Jwt.issuer(Keys.LOCAL_ISSUER).subject(person.subject()).audience(Keys.AUDIENCE)
                .upn(person.subject() + "@local.journeyline.invalid").claim("name", person.name())
                .groups(Set.of(person.role())).issuedAt(now).expiresAt(now.plus(sessionLifetime))
                .jws().keyId(KEY_ID).sign(key);
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", access);
        tokens.put("id_token", id.jws().keyId(KEY_ID).sign(key));
        tokens.put("token_type", "Bearer");
        tokens.put("expires_in", sessionLifetime.toSeconds());
        tokens.put("scope", "openid profile");
        json(exchange, 200, tokens);
    }

    private boolean clientAuthenticated(HttpExchange exchange, Map<String, String> params) {
        String id = params.get("client_id");
        String secret = params.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        return CLIENT_ID.equals(id) && secret != null && MessageDigest.isEqual(
                secret.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** RP-initiated logout: nothing to end here (no sessions of its own); back to the console's page. */
    private void logout(HttpExchange exchange) throws IOException {
        String back = query(exchange.getRequestURI()).get("post_logout_redirect_uri");
        redirect(exchange, back != null && LOOPBACK.matcher(back).matches() ? back : consoleUrl + "/signed-out");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return parse(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        text(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void text(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; form-action 'self' "
                + "http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
